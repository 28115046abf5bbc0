// The status page of one dossier, after the second factor: where it stands, what the citizen must do now
// (supplement, pay, collect the result, rate), and its history in plain Vietnamese.
import type { PublicDossier, PublicEvent } from '../../dossiers/public.ts';
import { stateName, type StateCode } from '../../dossiers/core/index.ts';
import { Button, CsrfField, ErrorSummary, Select, StateTag, SummaryList, TextArea, TextField, errorFor, type FieldError } from '../components.tsx';
import { fmtDateTime } from '../../shared/format.ts';
import { Layout } from '../layout.tsx';
import { titled } from './common.ts';
import type { StoredProcedure } from './types.ts';
import { ACCEPT, FILE_HINT } from './upload.ts';
import { eventSentence, lastPayload, lastSupplementRequest } from './timeline.ts';
import { RETURN_CHANNEL } from '../../dossiers/core/labels.ts';
import { PaymentLink } from './payment-pages.tsx';
import { ResultDownload } from './result-download.tsx';
import type { FeeStatus } from '../../payments/service.ts';
import { DraftSection, draftWaiting } from './draft-section.tsx';
import { archivedLogText } from '../archived-log.ts';

/** Code + second factor, shared by the home page, /tra-cuu and /danh-gia. */
export function LookupFields({ code, errors }: { code: string; errors?: FieldError[] }) {
  return (
    <>
      <TextField name="ma_ho_so" label="Mã hồ sơ hoặc mã tra cứu" required value={code} autocomplete="off" error={errorFor(errors, 'ma_ho_so')}
        hint="Mã hồ sơ ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả (ví dụ 000.00.15.H12-250702-0001), hoặc mã tra cứu nhận được khi nộp trực tuyến (ví dụ HS-7K4Q-2M9P)." />
      <TextField name="bon_so_cuoi" label="4 số cuối số định danh cá nhân của người nộp hồ sơ" required width="short" inputmode="numeric"
        autocomplete="off" error={errorFor(errors, 'bon_so_cuoi')} hint="Hồ sơ không có số định danh cá nhân: nhập 4 số cuối số điện thoại đã khai khi nộp hồ sơ, ghi trên Giấy tiếp nhận. Để bảo vệ thông tin, chỉ người nộp hồ sơ mới xem được." />
    </>
  );
}

export function LookupPage(p: { title: string; intro: string; action: string; code: string; csrf: string; errors?: FieldError[] }) {
  return (
    <Layout title={titled(p.title, p.errors)}>
      <ErrorSummary errors={p.errors ?? []} />
      <h1>{p.title}</h1>
      <p>{p.intro}</p>
      <form method="post" action={p.action} novalidate>
        <CsrfField token={p.csrf} />
        <LookupFields code={p.code} errors={p.errors} />
        <Button>Tiếp tục</Button>
      </form>
    </Layout>
  );
}

interface Projection { approvedBy?: string | null; outcome?: string | null; pausedAt?: string | null; returnChannel?: string | null }

export interface StatusProps {
  d: PublicDossier;
  events: PublicEvent[];
  /** The log's month went to the archive (its entries are no longer in the live tables). */
  archived?: { month: string; archivedAt: Date } | null;
  proc: StoredProcedure | undefined;
  csrf: string;
  /** Files the citizen uploaded since the last supplement request. */
  pending: { file_name: string; size: number }[];
  errors?: FieldError[];
  /** A message after an action ("Đã gửi hồ sơ bổ sung."). */
  done?: string | null;
  /** Where the dossier's fees stand (paid with the receipt, exempt and why, or due). */
  fee: FeeStatus | null;
  /** The verification code of the signed electronic result, once issued (src/results). */
  signedCode?: string | null;
}

const WITHDRAWABLE = [1, 2, 4, 5, 6];

function SupplementSection({ d, events, proc, csrf, pending, errors }: StatusProps) {
  const ask = lastSupplementRequest(events);
  const options = [
    { value: 'BO_SUNG', label: 'Giấy tờ theo yêu cầu bổ sung' },
    ...(proc?.components ?? []).map((c) => ({ value: c.code, label: c.name })),
  ];
  const paused = Boolean((d.projection as Projection).pausedAt);
  return (
    <section aria-labelledby="bo-sung">
      <h2 id="bo-sung">Bạn cần bổ sung hồ sơ</h2>
      <div class="notice notice--warn">
        {ask && <p>Ngày {fmtDateTime(ask.at)}, cán bộ đề nghị bạn bổ sung, hoàn thiện hồ sơ.</p>}
        {ask?.reason && <p><strong>Lý do:</strong> {ask.reason}</p>}
        {ask && ask.items.length > 0 && (
          <>
            <p><strong>Giấy tờ, nội dung cần bổ sung:</strong></p>
            <ul>{ask.items.map((i) => <li>{i}</li>)}</ul>
          </>
        )}
      </div>
      {paused && <p>Thời hạn giải quyết tạm dừng trong thời gian chờ bạn bổ sung và được tính tiếp khi bạn gửi hồ sơ bổ sung.</p>}
      <h3>Bước 1: Tải lên giấy tờ bổ sung</h3>
      <p>Tải lên từng tệp một. Bạn có thể tải lên nhiều tệp.</p>
      <form method="post" enctype="multipart/form-data" class="upload-form" action={`/tra-cuu/ho-so/${d.id}/bo-sung/tep?_csrf=${encodeURIComponent(csrf)}`} novalidate>
        <Select name="thanh_phan" label="Giấy tờ bạn tải lên là" required options={options} value="BO_SUNG" />
        <TextField type="file" name="tep" label="Chọn tệp" hint={FILE_HINT} accept={ACCEPT} required error={errorFor(errors, 'tep')} />
        <Button variant="secondary">Tải lên</Button>
      </form>
      {pending.length > 0 && (
        <>
          <p>Tệp bạn đã tải lên cho lần bổ sung này:</p>
          <ul>{pending.map((f) => <li>{f.file_name} ({Math.max(1, Math.round(f.size / 1024))} KB)</li>)}</ul>
        </>
      )}
      <h3>Bước 2: Gửi hồ sơ bổ sung</h3>
      <form method="post" action={`/tra-cuu/ho-so/${d.id}/bo-sung`} novalidate>
        <CsrfField token={csrf} />
        <TextArea name="ghi_chu" label="Ghi chú cho cán bộ" hint="Ví dụ: nội dung bạn đã sửa, hoặc giải thích thêm." error={errorFor(errors, 'ghi_chu')} />
        <Button>Gửi hồ sơ bổ sung</Button>
      </form>
    </section>
  );
}

function WhatNow(props: StatusProps) {
  const { d, events, proc } = props;
  const pj = d.projection as Projection;
  switch (d.state as StateCode) {
    case 1:
      return (
        <p>
          Trung tâm Phục vụ hành chính công đang kiểm tra hồ sơ{d.receiptDueAt ? <> và sẽ tiếp nhận hoặc trả lời bạn chậm nhất {fmtDateTime(d.receiptDueAt)}</> : ''}.
          Khi hồ sơ được tiếp nhận, bạn nhận được mã hồ sơ và ngày hẹn trả kết quả. Bạn chưa cần làm gì.
        </p>
      );
    case 2:
    case 4:
      return <p>Hồ sơ đang được giải quyết. Bạn chưa cần làm gì; trang này cập nhật khi có thay đổi.</p>;
    case 5:
      return <SupplementSection {...props} />;
    case 6: {
      const p = lastPayload(events, 'request_financial_obligation');
      return <p>Bạn cần thực hiện nghĩa vụ tài chính{p?.description ? `: ${String(p.description)}` : ''}. Vui lòng nộp tại Trung tâm Phục vụ hành chính công hoặc theo hướng dẫn trong thông báo; hồ sơ được giải quyết tiếp khi đã nộp.</p>;
    }
    case 3:
      return <p>Hồ sơ không được tiếp nhận.{lastPayload(events, 'refuse_receipt')?.reason ? ` Lý do: ${String(lastPayload(events, 'refuse_receipt')!.reason)}.` : ''} Bạn có thể nộp hồ sơ mới khi đã đủ giấy tờ.</p>;
    case 7:
      return <p>Hồ sơ đã được rút theo yêu cầu của người nộp. Không cần làm gì thêm.</p>;
    case 8:
      return <p>Hồ sơ đã dừng giải quyết.{lastPayload(events, 'stop_processing')?.reason ? ` Lý do: ${String(lastPayload(events, 'stop_processing')!.reason)}.` : ''}</p>;
    case 9:
      return pj.outcome === 'rejected'
        ? <p>Hồ sơ không đủ điều kiện giải quyết.{lastPayload(events, 'reject_not_eligible')?.reason ? ` Lý do: ${String(lastPayload(events, 'reject_not_eligible')!.reason)}.` : ''} Văn bản trả lời sẽ được gửi cho bạn.</p>
        : <p><strong>Đã có kết quả:</strong> {proc?.resultType ?? 'kết quả giải quyết thủ tục'}. Mời bạn nhận kết quả tại Trung tâm Phục vụ hành chính công (mang theo giấy tờ tùy thân) hoặc theo hình thức đã đăng ký.</p>;
    case 10:
      return <p>Kết quả đã được trả cho bạn {RETURN_CHANNEL[pj.returnChannel ?? ''] ?? ''} lúc {fmtDateTime(d.returnedAt)}.</p>;
  }
}

export function StatusPage(props: StatusProps) {
  const { d, events, errors, done } = props;
  const pj = d.projection as Projection;
  const name = stateName(d.state as StateCode);
  const canWithdraw = WITHDRAWABLE.includes(d.state) && !pj.approvedBy && !pj.outcome;
  return (
    <Layout title={titled('Tình trạng hồ sơ', errors)} back={{ href: '/tra-cuu', label: 'Tra cứu hồ sơ khác' }}>
      <ErrorSummary errors={errors ?? []} />
      {done && <div class="notice" role="status"><p><strong>{done}</strong></p></div>}
      <h1>Tình trạng hồ sơ</h1>
      <SummaryList rows={[
        { key: 'Mã hồ sơ', value: d.code ?? 'Chưa cấp (được cấp khi Trung tâm tiếp nhận hồ sơ)' },
        { key: 'Mã tra cứu', value: d.reference },
        { key: 'Thủ tục', value: d.procedureName },
        { key: 'Trạng thái', value: <StateTag state={d.state} name={name} /> },
        { key: 'Ngày nộp', value: fmtDateTime(d.submittedAt) || '—' },
        ...(d.state === 1 && d.receiptDueAt ? [{ key: 'Hạn tiếp nhận hồ sơ', value: fmtDateTime(d.receiptDueAt) }] : []),
        ...(d.receivedAt ? [{ key: 'Ngày tiếp nhận', value: fmtDateTime(d.receivedAt) }] : []),
        ...(d.dueAt && !d.finishedAt ? [{ key: 'Hẹn trả kết quả', value: `${fmtDateTime(d.dueAt)}${pj.pausedAt ? ' (đang tạm dừng tính thời hạn)' : ''}` }] : []),
        ...(d.finishedAt ? [{ key: 'Ngày giải quyết xong', value: fmtDateTime(d.finishedAt) }] : []),
        ...(d.returnedAt ? [{ key: 'Ngày trả kết quả', value: fmtDateTime(d.returnedAt) }] : []),
      ]} />
      <h2>Việc bạn cần làm</h2>
      {draftWaiting(d) ? <DraftSection d={d} csrf={props.csrf} errors={errors} /> : <WhatNow {...props} />}
      {props.signedCode && <ResultDownload dossierId={d.id} code={props.signedCode} />}
      <PaymentLink d={d} fee={props.fee} />
      {(d.state === 9 || d.state === 10) && (
        <p><a href={`/danh-gia/${d.id}`}>Đánh giá mức độ hài lòng của bạn</a> (mất khoảng 30 giây).</p>
      )}
      <h2>Quá trình giải quyết</h2>
      {props.archived ? <p>{archivedLogText(props.archived)}</p> : (
        <ol class="timeline">
          {events.map((e) => (
            <li><time datetime={e.at.toISOString()}>{fmtDateTime(e.at)}</time>{eventSentence(e)}</li>
          ))}
        </ol>
      )}
      {canWithdraw && (
        <p><a href={`/tra-cuu/ho-so/${d.id}/rut-ho-so`}>Rút hồ sơ</a> (nếu bạn không muốn tiếp tục giải quyết)</p>
      )}
    </Layout>
  );
}
