// Staff payment pages: /can-bo/thu-phi (find a dossier by code, see what it owes, record cash or an exemption at
// the counter, today's payments with their receipts) and /can-bo/doi-soat (the daily reconciliation of the ledger
// with the gateway's records). The amounts come from the server (src/payments/service.ts), never from the form.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, Deps } from '../../http/deps.ts';
import { forbidden } from '../../http/problem.ts';
import { hasRole, type Principal } from '../../identity/core/principal.ts';
import { procedureVersion } from '../../catalogue/store.ts';
import { vnDate } from '../../calendar/core/index.ts';
import { CASH_ROLES, RECONCILE_ROLES } from '../../payments/core/roles.ts';
import { dayBounds, feeStatusOf, reconcileDay, recordCash, type FeeOptions } from '../../payments/service.ts';
import { FeeLine, staffReceiptPath } from './fee-line.tsx';
import { dossierByName, paymentsOfCommune } from '../../payments/store.ts';
import { isDossierCode, parseReference } from '../../dossiers/core/index.ts';
import { MISMATCH_LABELS } from '../../payments/core/ledger.ts';
import { staffOrLogin } from './guard.ts';
import { CsrfField, ErrorSummary, SummaryList, type FieldError } from '../components.tsx';
import { Choice, Input, Table } from '../fields.tsx';
import { fmtDateTime, fmtMoney } from '../../shared/format.ts';
import { KeyField, Notice, formOf, isFormProblem, onceForm, q1, staffOrLoginTo, staffPage, str, type Form } from './common.tsx';

const METHOD: Record<string, string> = { online: 'Trực tuyến', cash: 'Tiền mặt', exempt: 'Miễn' };
const KIND: Record<string, string> = { paid: 'Đã nộp', failed: 'Lỗi', cancelled: 'Đã hủy' };

function withRoles(req: FastifyRequest, reply: FastifyReply, roles: Principal['roles'], page?: string) {
  const p = page ? staffOrLoginTo(req, reply, page) : staffOrLogin(req, reply);
  if (p && !hasRole(p, ...roles)) throw forbidden('Trang này dành cho cán bộ một cửa (thu phí) và lãnh đạo (đối soát).');
  return p;
}

/** The dossier named by its code or, before receipt, its reference (mã tra cứu, typed in any case and spacing). */
async function dossierOfCode(deps: Deps, p: Principal, code: string) {
  const reference = isDossierCode(code.toUpperCase()) ? null : parseReference(code);
  if (reference) return dossierByName(deps.db, p, { reference });
  if (!/^[0-9A-Za-z.-]{5,60}$/.test(code)) return undefined;
  return dossierByName(deps.db, p, { code: code.toUpperCase() });
}

async function showCash(deps: Deps, reply: FastifyReply, p: Principal, code: string, values: Form = {}, errors: FieldError[] = [], ok = '', status = 200) {
  const d = code ? await dossierOfCode(deps, p, code) : undefined;
  const fee = d ? await feeStatusOf(deps.db, d.id, deps.now()) : null;
  const due = fee?.due ?? null;
  const proc = d ? await procedureVersion(deps.db, d.procedure_code, d.procedure_version) : undefined;
  const exemptions = [...new Set((proc?.fees ?? []).flatMap((f) => f.exemptions))];
  const perUnit = (proc?.fees ?? []).some((f) => f.perUnit);
  const { from, to } = dayBounds(vnDate(deps.now()));
  const today = await paymentsOfCommune(deps.db, p.communeId, from, to);
  const err = (f: string) => errors.find((e) => e.field === f)?.message;
  return staffPage(reply, p, 'Thu phí, lệ phí', (csrf) => (
    <>
      <ErrorSummary errors={errors} />
      {ok && <Notice><p>Đã ghi nhận khoản thu, mã đơn {ok}.</p></Notice>}
      <h1>Thu phí, lệ phí tại quầy</h1>
      <form method="get" action="/can-bo/thu-phi" role="search" class="search-form">
        <Input id="ma" name="ma" label="Mã hồ sơ hoặc mã tra cứu" required value={code} error={code && !d ? 'Không tìm thấy hồ sơ trong phạm vi của bạn.' : undefined} autocomplete="off" />
        <button type="submit" class="button button--secondary">Tìm hồ sơ</button>
      </form>
      {d && (
        <>
          <h2>Hồ sơ {d.code ?? d.reference}</h2>
          <SummaryList rows={[
            { key: 'Người nộp', value: d.applicant_name },
            { key: 'Thủ tục', value: proc?.name ?? d.procedure_code },
            ...(due && due.amountVnd > 0 ? [{ key: 'Khoản phải nộp', value: `${due.description}: ${fmtMoney(due.amountVnd)}` }] : []),
          ]} />
          <FeeLine fee={fee} />
          {due && (
            <form id="cash-form" method="post" action="/can-bo/thu-phi" novalidate>
              <CsrfField token={csrf} />
              <KeyField />
              <input type="hidden" name="ma" value={d.code ?? d.reference} />
              {perUnit && <Input id="units" name="units" label="Số trang của mỗi bản" inputmode="numeric" value={str(values, 'units')} error={err('units')} short />}
              {perUnit && <Input id="copies" name="copies" label="Số bản" inputmode="numeric" value={str(values, 'copies')} error={err('copies')} short />}
              {exemptions.length > 0 && (
                <Choice id="exemption" name="exemption" label="Trường hợp được miễn" value={str(values, 'exemption')} empty="— Không miễn —"
                  options={exemptions.map((x) => ({ value: x, label: x }))} error={err('exemption')} />
              )}
              {(perUnit || exemptions.length > 0) && <p>Số tiền được tính lại theo số trang, số bản và trường hợp miễn khi ghi nhận.</p>}
              <button type="submit" class="button button--primary">{due.amountVnd > 0 ? 'Ghi nhận đã thu tiền mặt' : 'Ghi nhận miễn nộp'}</button>
            </form>
          )}
        </>
      )}
      <h2>Các khoản thu hôm nay</h2>
      {today.length === 0 ? <p>Chưa có khoản thu nào hôm nay.</p> : (
        <Table caption="Các khoản thu hôm nay" head={['Thời điểm', 'Mã hồ sơ', 'Người nộp', 'Hình thức', 'Kết quả', 'Số tiền', 'Biên lai']}>
          {today.map((r) => (
            <tr>
              <td>{fmtDateTime(r.at)}</td><td>{r.code ?? r.reference}</td><td>{r.applicant_name}</td><td>{METHOD[r.method]}</td>
              <td>{KIND[r.kind] ?? r.kind}</td><td>{fmtMoney(Number(r.amount_vnd))}</td>
              <td>{r.kind === 'paid' ? <a href={staffReceiptPath(r.dossier_id, r.ref)}>PDF<span class="visually-hidden"> biên lai {r.ref}</span></a> : '—'}</td>
            </tr>
          ))}
        </Table>
      )}
      {hasRole(p, ...RECONCILE_ROLES) && <p><a href="/can-bo/doi-soat">Đối soát thanh toán trực tuyến trong ngày</a></p>}
    </>
  ), { status });
}

function parseFee(f: Form): { q: FeeOptions; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const int = (name: string, label: string, max: number) => {
    const v = str(f, name);
    if (!v) return undefined;
    const n = Number(v);
    if (!/^\d{1,6}$/.test(v) || n < 1 || n > max) errors.push({ field: name, message: `${label} là số nguyên từ 1 đến ${max}.` });
    return n;
  };
  const units = int('units', 'Số trang', 10000);
  const copies = int('copies', 'Số bản', 1000);
  const exemption = str(f, 'exemption') || undefined;
  return { q: { units, copies, exemption }, errors };
}

export async function staffPaymentPages(app: App, deps: Deps) {
  app.get('/can-bo/thu-phi', { schema: { hide: true } }, async (req, reply) => {
    const p = withRoles(req, reply, CASH_ROLES);
    if (!p) return reply;
    return showCash(deps, reply, p, q1(req, 'ma').trim().slice(0, 60), {}, [], q1(req, 'ok').slice(0, 40));
  });

  app.post('/can-bo/thu-phi', { schema: { hide: true } }, async (req, reply) => {
    const p = withRoles(req, reply, CASH_ROLES, '/can-bo/thu-phi');
    if (!p) return reply;
    const f = formOf(req);
    const code = str(f, 'ma').trim().slice(0, 60);
    const d = await dossierOfCode(deps, p, code);
    const { q, errors } = parseFee(f);
    if (!d) errors.push({ field: 'ma', message: 'Không tìm thấy hồ sơ trong phạm vi của bạn.' });
    if (errors.length) return showCash(deps, reply, p, code, f, errors, '', 422);
    let ref: string;
    try {
      ref = (await onceForm(deps, req, reply, p, async (trx) => ({ status: 201, body: await recordCash(trx, p, d!.id, q, deps.now()) }), str(f, '_key'))).ref;
    } catch (e) {
      if (!isFormProblem(e)) throw e;
      return showCash(deps, reply, p, code, f, [{ field: e.code === 'INVALID_FEE_QUERY' ? 'exemption' : 'cash-form', message: e.title }], '', e.status);
    }
    return reply.redirect(`/can-bo/thu-phi?ma=${encodeURIComponent(code)}&ok=${ref}`, 303);
  });

  app.get('/can-bo/doi-soat', { schema: { hide: true } }, async (req, reply) => {
    const p = withRoles(req, reply, RECONCILE_ROLES);
    if (!p) return reply;
    const asked = q1(req, 'ngay');
    const day = /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : vnDate(deps.now());
    const r = await reconcileDay(deps, p, day);
    return staffPage(reply, p, 'Đối soát thanh toán', () => (
      <>
        <h1>Đối soát thanh toán trực tuyến</h1>
        <form method="get" action="/can-bo/doi-soat" class="search-form">
          <Input id="ngay" name="ngay" type="date" label="Ngày" value={day} />
          <button type="submit" class="button button--secondary">Đối soát</button>
        </form>
        <SummaryList rows={[
          { key: 'Sổ thu (giao dịch trực tuyến)', value: `${r.ledgerCount} giao dịch, đã nộp ${fmtMoney(r.ledgerPaidVnd)}` },
          { key: 'Cổng thanh toán', value: `${r.gatewayCount} giao dịch, đã nộp ${fmtMoney(r.gatewayPaidVnd)}` },
        ]} />
        {r.mismatches.length === 0 ? <Notice><p>Khớp: không có chênh lệch trong ngày {day}.</p></Notice> : (
          <>
            <Notice warn><p>Có {r.mismatches.length} chênh lệch cần xử lý.</p></Notice>
            <Table caption="Các chênh lệch" head={['Mã đơn', 'Chênh lệch', 'Sổ thu', 'Cổng thanh toán']}>
              {r.mismatches.map((m) => (
                <tr>
                  <td>{m.ref}</td><td>{MISMATCH_LABELS[m.kind]}</td>
                  <td>{m.ledger ? `${KIND[m.ledger.outcome]} ${fmtMoney(m.ledger.amountVnd)}` : '—'}</td>
                  <td>{m.gateway ? `${KIND[m.gateway.outcome]} ${fmtMoney(m.gateway.amountVnd)}` : '—'}</td>
                </tr>
              ))}
            </Table>
          </>
        )}
      </>
    ), { back: { href: '/can-bo/thu-phi', label: 'Thu phí, lệ phí' } });
  });
}
