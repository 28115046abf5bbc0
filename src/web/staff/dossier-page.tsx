// The dossier page: summary (with who filed it: the reason there is no ID number, the authorised person of a
// dossier filed for someone else), the applicant's declaration (the e-form answers by sections), official documents
// (PDF links), components with their files and scan upload, the timeline from the action log with the control
// sheet's verdict at each hand-over. Near the top, right after the summary and the current proposal (who proposed
// what, to whom it was submitted for signature: dossier-proposal.tsx), the action the caller should take now, with
// the others folded under "Thao tác khác" (dossier-actions.tsx: only what allowedActions permits now).
import type { dossierView } from '../../dossiers/view.ts';
import type { EventRow } from '../../dossiers/store.ts';
import type { Component } from '../../catalogue/core/types.ts';
import { ACTIONS, BASE_TIME_CASE, RESULT_COMPONENT, STATES, isActionType, roleName, stateName, type AttachedFile, type StateCode } from '../../dossiers/core/index.ts';
import { ErrorSummary, StateTag, SummaryList, type FieldError } from '../components.tsx';
import { archivedLogText } from '../archived-log.ts';
import { fmtDateTime } from '../../shared/format.ts';
import type { Children } from '../render.tsx';
import { DueTag, Notice, type DueLabel, type Form } from './common.tsx';
import { CHANNELS, OUTCOMES, isPageAction, type FormContext, type PageAction } from './action-forms.tsx';
import { ActionsSection } from './dossier-actions.tsx';
import { ProposalSection, proposalOf } from './dossier-proposal.tsx';
import { Table } from '../fields.tsx';
import { ComponentSection, breakable, scanErrors, type ScanJob } from './scan-section.tsx';
import { isIdentityComponent } from '../../digitisation/core/sensitive.ts';
import { DeclarationSection } from './declaration-section.tsx';
import { RegistryLink } from './registry-lookup.tsx';
import { PORTAL_ACTOR, PORTAL_NAME, filedOnNationalPortal } from '../../inbound/core/contract.ts';

export type DossierView = Awaited<ReturnType<typeof dossierView>>;

export interface DossierPageProps {
  view: DossierView;
  /** The action log as stored (with the actor's unit), oldest first. */
  events: EventRow[];
  components: Component[];
  units: { id: number; code: string; name: string }[];
  /** The commune's officers, with their roles (the assignee and signer lists group them by unit). */
  staff: FormContext['staff'];
  due: DueLabel;
  csrf: string;
  canUpload: boolean;
  /** May record payments at the counter (receiving officers). */
  canCollect: boolean;
  /** The action (or 'upload') that just succeeded. */
  ok?: string;
  /** A failed action form, re-rendered with its values and errors. */
  failed?: { action: PageAction; values: Form; errors: FieldError[] };
  /** A failed upload. */
  uploadFailed?: { component: string; errors: FieldError[] };
  /** Whether the caller may correct the declaration now (dossiers/declaration-correction.ts mayCorrect). */
  canCorrect?: boolean;
  /** The result panel (draft preview, signed result), shown under the actions. */
  result?: Children;
  /** The fee line (amount, exemption, paid or not), shown after the summary. */
  fee?: Children;
  /** The digitisation jobs of the dossier (every version of every component's scan). */
  jobs?: ScanJob[];
  /** Whether the viewer may see identity images (digitisation/core/sensitive.ts maySeeIdentityImages). */
  maySeeIdentity?: boolean;
  /** The component just scanned (after ?ok=upload): its scan's errors go to the error summary. */
  scanned?: string;
  /** The two communes of a transferred dossier and its paper (dossier-transfer.tsx). */
  transfer?: Children;
  /** The viewer's commune received the dossier and transferred it: it follows, does not process. */
  follower?: boolean;
  /** The other communes of the province, for a transfer to the competent commune. */
  communes?: { id: string; name: string }[];
}

const CHANNEL_NAMES: Record<string, string> = { direct: 'Trực tiếp tại Bộ phận Một cửa', online: 'Trực tuyến', postal: 'Qua bưu chính' };
const HANDOVER_RESULT: Record<string, string> = { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' };

/** Official documents of the dossier (PDF, built by the documents module) that exist at this point. */
function documents(v: DossierView): { kind: string; label: string }[] {
  const did = (...a: string[]) => v.events.some((e) => a.includes(e.action));
  const out: { kind: string; label: string }[] = [];
  if (v.receivedAt) out.push({ kind: 'receipt', label: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả' });
  if (did('request_supplement', 'request_supplement_before_receipt')) out.push({ kind: 'supplement-request', label: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ' });
  if (did('refuse_receipt')) out.push({ kind: 'refusal', label: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ' });
  if (did('apologize_extend')) out.push({ kind: 'apology', label: 'Phiếu xin lỗi và đề nghị gia hạn thời gian giải quyết' });
  if (did('stop_processing', 'withdraw')) out.push({ kind: 'stop-notice', label: 'Thông báo dừng giải quyết hồ sơ' });
  if (v.receivedAt) out.push({ kind: 'control-sheet', label: 'Phiếu kiểm soát quá trình giải quyết hồ sơ' });
  return out;
}

/** The rows of a file's entry (attach_file): the file and its hash, its version, the storage copy made of it. */
function fileRows(f: AttachedFile, componentName: (code: string) => string): [string, Children][] {
  return [
    ['Thành phần hồ sơ', componentName(f.component)],
    ['Tệp', <>{breakable(f.fileName)} (mã băm SHA-256 {breakable(f.sha256)})</>],
    ...(f.version ? [['Phiên bản số hóa', `V${f.version}`] as [string, Children]] : []),
    ...(f.pages?.length ? [['Số trang ảnh quét', String(f.pages.length)] as [string, Children]] : []),
    ...(f.storageCopy ? [['Bản lưu trữ PDF/A', <>{breakable(f.storageCopy.fileName)} (mã băm SHA-256 {breakable(f.storageCopy.sha256)})</>] as [string, Children]] : []),
  ];
}

function Timeline({ events, unitName, staffName, componentName }: {
  events: EventRow[]; unitName: (c: string | null) => string; staffName: (id: unknown) => string; componentName: (code: string) => string;
}) {
  return (
    <ol class="timeline">
      {events.map((e) => {
        const pl = (e.payload ?? {}) as Record<string, unknown>;
        const actor = e.actor_id === PORTAL_ACTOR.id ? PORTAL_NAME : e.actor_name ?? (e.actor_role === 'citizen' ? 'Công dân' : e.actor_role === 'system' || e.actor_id.startsWith('apikey:') ? 'Hệ thống' : e.actor_id);
        const file = e.action === 'attach_file' ? (pl.file as AttachedFile | undefined) : undefined;
        const at = new Date(e.at).toISOString();
        const rows: [string, Children][] = [];
        if (typeof pl.reason === 'string') rows.push(['Lý do', pl.reason]);
        if (Array.isArray(pl.items)) rows.push(['Cần bổ sung', <ul>{(pl.items as string[]).map((i) => <li>{i}</li>)}</ul>]);
        if (typeof pl.proposalOutcome === 'string') rows.push(['Hướng đề xuất', OUTCOMES.find((o) => o.value === pl.proposalOutcome)?.label ?? String(pl.proposalOutcome)]);
        if (typeof pl.proposalText === 'string') rows.push(['Nội dung đề xuất', pl.proposalText]);
        if (typeof pl.description === 'string') rows.push(['Nghĩa vụ tài chính', `${pl.description}${typeof pl.amountVnd === 'number' ? ` (${pl.amountVnd.toLocaleString('vi-VN')} đồng)` : ''}`]);
        if (typeof pl.channel === 'string') rows.push(['Hình thức trả', CHANNELS.find((c) => c.value === pl.channel)?.label ?? String(pl.channel)]);
        if (typeof pl.newDueAt === 'string') rows.push(['Hẹn trả mới', fmtDateTime(pl.newDueAt)]);
        if (e.action === 'fee_paid' && typeof pl.amountVnd === 'number') rows.push(['Số tiền đã nộp', `${pl.amountVnd.toLocaleString('vi-VN')} đồng`]);
        if (typeof pl.receiptNo === 'string') rows.push(['Biên lai số', pl.receiptNo]);
        if (Array.isArray(pl.fields)) rows.push(['Nội dung đã sửa', (pl.fields as string[]).join(', ')]);
        if (typeof pl.signerId === 'string' || typeof pl.signerId === 'number') rows.push(['Người ký', staffName(pl.signerId)]);
        if (typeof pl.note === 'string') rows.push(['Ghi chú', pl.note]);
        if (file) rows.push(...fileRows(file, componentName));
        const h = e.handover as { fromUnit: string | null; toUnit: string; toAssigneeId: string | null; result: string | null; stepDueAt: string | null } | null;
        return (
          <li>
            <strong>{file?.storageCopy ? 'Đã tạo bản lưu trữ PDF/A' : isActionType(e.action) ? ACTIONS[e.action].label : e.action}</strong>
            <time datetime={at}>{fmtDateTime(at)}</time>
            <span>{actor} — {roleName(e.actor_role)}{e.actor_unit ? `, ${unitName(e.actor_unit)}` : ''}</span>
            <br />
            <span class="muted">{e.from_state ? `${stateName(e.from_state as StateCode)} → ` : ''}{stateName(e.to_state as StateCode)}</span>
            {h && (
              <p>
                Giao: {h.fromUnit ? unitName(h.fromUnit) : '—'} · Nhận: {unitName(h.toUnit)}
                {h.toAssigneeId ? ` (${staffName(h.toAssigneeId)})` : ''}
                {h.result ? <> · Kết quả bàn giao: <strong>{HANDOVER_RESULT[h.result] ?? h.result}</strong></> : null}
                {h.stepDueAt ? ` (hạn bước: ${fmtDateTime(h.stepDueAt)})` : ''}
              </p>
            )}
            {rows.length > 0 && <SummaryList rows={rows.map(([key, value]) => ({ key, value }))} />}
          </li>
        );
      })}
    </ol>
  );
}

/** The authorised person who filed online for the applicant, as their e-identity says. */
const authorised = (x: NonNullable<DossierView['authorisedPerson']>) =>
  `${x.name}${x.idNumber ? `, số định danh cá nhân ${x.idNumber}` : ''} (xác thực bằng tài khoản định danh điện tử)`;

function okMessage(ok: string, v: DossierView): Children {
  if (ok === 'upload') return 'Đã đính kèm tệp vào thành phần hồ sơ. Bản lưu trữ PDF/A có lớp chữ đang được tạo; kết quả kiểm tra bản quét ở thành phần hồ sơ bên dưới.';
  if (ok === 'declaration') return 'Đã lưu tờ khai đã sửa.';
  if (ok === 'scan_retry') return 'Đã đưa bản quét vào hàng đợi số hóa lại.';
  if (ok === 'receive_counter') {
    return <>Đã tiếp nhận hồ sơ. Mã hồ sơ: <strong>{v.code}</strong>. Hẹn trả kết quả: {fmtDateTime(v.dueAt)}. Hãy số hóa (quét) các thành phần hồ sơ bên dưới và in <a href={`/api/v1/dossiers/${v.id}/documents/receipt`}>Giấy tiếp nhận hồ sơ và hẹn trả kết quả</a>.</>;
  }
  if (isActionType(ok)) return `Đã thực hiện: ${ACTIONS[ok].label}.`;
  return null;
}

/** Where the applicant's check of the draft stands (online civil-status registration). */
function draftLabel(d: NonNullable<DossierView['draft']>): string {
  if (!d.sentAt) return 'Chưa gửi (gửi sau khi đề xuất giải quyết; trình ký khi người yêu cầu đã xác nhận hoặc sau 01 ngày làm việc)';
  if (d.confirmedAt) return `Đã gửi ${fmtDateTime(d.sentAt)}; người yêu cầu đã xác nhận ${fmtDateTime(d.confirmedAt)}`;
  return `Đã gửi ${fmtDateTime(d.sentAt)}; chờ người yêu cầu xác nhận (không có ý kiến sau 01 ngày làm việc thì coi như đồng ý)`;
}

/** The case with its own time chosen for the dossier, with that time when the procedure version still lists it. */
function caseLabel(v: DossierView): string {
  const time = v.timeCases.find((c) => c.code === v.timeCase?.code)?.time;
  return time ? `${v.timeCase?.name}: ${time}` : (v.timeCase?.name ?? '');
}

export function DossierPage(props: DossierPageProps) {
  const { view: v, failed } = props;
  const unitByCode = new Map(props.units.map((u) => [u.code, u.name]));
  const unitName = (c: string | null) => (c ? (unitByCode.get(c) ?? c) : '');
  const staffById = new Map(props.staff.map((s) => [String(s.id), s.fullName]));
  const staffName = (id: unknown) => (id === null || id === undefined ? '' : (staffById.get(String(id)) ?? String(id)));
  const ctx: FormContext = {
    dossierId: v.id, csrf: props.csrf, units: props.units, staff: props.staff, timeCases: v.timeCases, timeCase: v.timeCase?.code ?? BASE_TIME_CASE,
    communes: props.communes ?? [],
  };
  const allowed = v.allowedActions.filter(isPageAction);
  const proposal = proposalOf(props.events);
  const jobs = props.jobs ?? [];
  const errors = [...(failed?.errors ?? []), ...(props.uploadFailed?.errors ?? []), ...(props.scanned ? scanErrors(jobs, props.scanned) : [])];
  const msg = props.ok ? okMessage(props.ok, v) : null;
  const a = v.applicant;
  const fromPortal = filedOnNationalPortal(props.events); // forwarded by the national portal (src/inbound/)
  const summary: { key: string; value: Children }[] = [
    { key: 'Mã hồ sơ', value: v.code ?? 'Chưa cấp (hồ sơ chưa được tiếp nhận)' },
    { key: 'Mã tra cứu', value: v.reference },
    { key: 'Thủ tục', value: `${v.procedure.name} (${v.procedure.code}, phiên bản ${v.procedure.version})` },
    { key: 'Trạng thái', value: <StateTag state={v.state} name={v.stateName} /> },
    { key: 'Người nộp', value: a.name },
    ...(a.idNumber ? [{ key: 'Số định danh cá nhân', value: a.idNumber }] : []),
    ...(v.idWaiver ? [{ key: 'Lý do không có số định danh', value: v.idWaiver.detail ? `${v.idWaiver.label}: ${v.idWaiver.detail}` : v.idWaiver.label }] : []),
    ...(v.authorisedPerson ? [{ key: 'Người được ủy quyền nộp thay', value: authorised(v.authorisedPerson) }] : []),
    ...(a.address ? [{ key: 'Địa chỉ', value: a.address }] : []),
    ...(a.phone ? [{ key: 'Điện thoại', value: a.phone }] : []),
    ...(a.email ? [{ key: 'Thư điện tử', value: a.email }] : []),
    { key: 'Hình thức nộp', value: fromPortal ? `Trực tuyến, trên ${PORTAL_NAME}` : (CHANNEL_NAMES[v.channel] ?? v.channel) },
    ...(v.externalCode ? [{ key: fromPortal ? `Mã hồ sơ trên ${PORTAL_NAME}` : 'Mã hồ sơ khác', value: v.externalCode }] : []),
    // The three organisations of a dossier: where the citizen was helped, where it was received, who decides.
    { key: 'Nơi hỗ trợ người nộp', value: v.supportPoint?.name ?? 'Không có (người nộp tự nộp trực tuyến)' },
    ...(v.receivingUnit ? [{ key: 'Đơn vị tiếp nhận', value: unitName(v.receivingUnit) }] : []),
    { key: 'Cơ quan có thẩm quyền giải quyết', value: v.competentAuthority },
    ...(v.submittedAt && v.channel === 'online' ? [{ key: 'Thời điểm nộp', value: fmtDateTime(v.submittedAt) }] : []),
    ...(v.state === 1 && v.receiptDueAt ? [{ key: 'Hạn tiếp nhận hoặc từ chối', value: <>{fmtDateTime(v.receiptDueAt)} <DueTag label={props.due} /></> }] : []),
    ...(v.receivedAt ? [{ key: 'Thời điểm tiếp nhận', value: fmtDateTime(v.receivedAt) }] : []),
    ...(v.dueAt ? [{ key: 'Hẹn trả kết quả', value: <>{fmtDateTime(v.dueAt)} <DueTag label={props.due} /></> }] : []),
    ...(v.timeCase ? [{ key: 'Trường hợp giải quyết', value: caseLabel(v) }] : []),
    ...(v.originalDueAt && v.originalDueAt !== v.dueAt ? [{ key: 'Hạn theo quy định', value: fmtDateTime(v.originalDueAt) }] : []),
    ...(v.currentUnit ? [{ key: 'Đơn vị đang xử lý', value: unitName(v.currentUnit) }] : []),
    ...(v.assigneeId ? [{ key: 'Cán bộ được phân công', value: staffName(v.assigneeId) }] : []),
    ...(v.supplementCount ? [{ key: 'Số lần yêu cầu bổ sung', value: String(v.supplementCount) }] : []),
    ...(v.draft && v.state === 4 ? [{ key: 'Dự thảo gửi người yêu cầu kiểm tra', value: draftLabel(v.draft) }] : []),
    ...(v.outcome ? [{ key: 'Kết quả giải quyết', value: v.outcome === 'granted' ? 'Giải quyết' : 'Từ chối giải quyết' }] : []),
  ];
  const docs = documents(v);
  const known = new Set(props.components.map((c) => c.code));
  const componentName = (code: string) => props.components.find((c) => c.code === code)?.name ?? (code === RESULT_COMPONENT ? 'Dự thảo kết quả' : code);
  const others = v.files.filter((f) => !known.has(f.componentCode));

  return (
    <>
      <ErrorSummary errors={errors} />
      {msg && <Notice>{msg}</Notice>}
      <h1>Hồ sơ {v.code ?? v.reference}</h1>
      <p class="lead">{v.procedure.name} · {a.name}</p>
      <SummaryList rows={summary} />
      {props.transfer}
      {props.fee}

      {proposal && <ProposalSection state={proposal} staffName={staffName} />}

      <ActionsSection allowed={allowed} ctx={ctx} failed={failed} finished={!!STATES[v.state as StateCode]?.terminal} />

      {props.result}

      {v.declaration && <DeclarationSection d={v.declaration} dossierId={v.id} canCorrect={props.canCorrect ?? false} />}
      {!props.follower && <RegistryLink dossierId={v.id} />}

      {docs.length > 0 && (
        <section aria-labelledby="docs-title">
          <h2 id="docs-title">Văn bản, biểu mẫu (PDF)</h2>
          <ul>{docs.map((d) => <li><a href={`/api/v1/dossiers/${v.id}/documents/${d.kind}`}>{d.label}</a></li>)}</ul>
        </section>
      )}

      {v.code && props.canCollect && (
        <p><a href={`/can-bo/thu-phi?ma=${encodeURIComponent(v.code)}`}>Phí, lệ phí của hồ sơ: thu tiền mặt, biên lai</a></p>
      )}

      <section aria-labelledby="components-title">
        <h2 id="components-title">Thành phần hồ sơ</h2>
        {props.components.map((c) => (
          <ComponentSection
            dossierId={v.id} component={c} files={v.files.filter((f) => f.componentCode === c.code)} jobs={jobs} csrf={props.csrf}
            hidden={isIdentityComponent(c) && !props.maySeeIdentity} canScan={props.canUpload} canCorrect={props.canCorrect ?? false}
            uploadError={props.uploadFailed?.component === c.code ? props.uploadFailed.errors[0]?.message : undefined}
          />
        ))}
        {others.length > 0 && (
          <Table caption="Tệp của thành phần không còn trong thủ tục" head={['Thành phần', 'Tệp']}>
            {others.map((f) => <tr><td>{f.componentCode}</td><td><a href={`/api/v1/dossiers/${v.id}/files/${f.id}`}>{f.fileName}</a></td></tr>)}
          </Table>
        )}
      </section>

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">Quá trình xử lý</h2>
        {v.archivedLog
          ? <p>{archivedLogText(v.archivedLog)}</p>
          : <Timeline events={props.events} unitName={unitName} staffName={staffName} componentName={componentName} />}
      </section>
    </>
  );
}
