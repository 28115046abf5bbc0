// Payment API: the gateway's server-to-server notification (IPN), a dossier's payments and what it owes, cash at
// the counter, the e-receipt, and the daily reconciliation of the ledger with the gateway's records.
import { Type } from '@sinclair/typebox';
import type { App, Deps } from '../http/deps.ts';
import { Problem, notFound } from '../http/problem.ts';
import { IdempotencyHeader, STAFF_SECURITY as security } from '../http/openapi.ts';
import { idempotent } from '../http/idempotency.ts';
import { requireStaff } from '../identity/hooks.ts';
import { principalKey } from '../identity/core/principal.ts';
import { CASH_ROLES, RECONCILE_ROLES } from './core/roles.ts';
import { loadDossier } from '../dossiers/store.ts';
import { IPN_PATH } from '../outside/payment.ts';
import { stateOf } from './core/ledger.ts';
import { dueFor, handleIpn, reconcileDay, recordCash, startOnlinePayment } from './service.ts';
import { dossierRef, guardedLookup, requireWriteAllowed } from '../dossiers/public.ts';
import { LOOKUP_POLICY, lockedMessage } from '../shared/attempts-store.ts';
import { entriesOf, ordersOfDossier, toEntry, toOrder } from './store.ts';
import { receiptPdf } from './receipt.ts';
import { MISMATCH_LABELS } from './core/ledger.ts';

const tags = ['thanh toán'];
const IdParam = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Ref = Type.String({ pattern: '^[A-Z0-9]{8,34}$' });

const Due = Type.Union([Type.Null(), Type.Object({
  purpose: Type.Union([Type.Literal('fee_before'), Type.Literal('obligation')]),
  amountVnd: Type.Integer(), description: Type.String(), feeCodes: Type.Array(Type.String()), exemptions: Type.Array(Type.String()),
  exemptReasons: Type.Array(Type.String(), { description: 'Vì sao khoản phải nộp là 0 đồng hoặc được giảm (trường hợp miễn và căn cứ pháp lý)' }),
})]);
const OrderSchema = Type.Object({
  ref: Type.String(), purpose: Type.String(), method: Type.String(), amountVnd: Type.Integer(), description: Type.String(),
  state: Type.String({ description: 'pending | expired | paid | failed | cancelled' }),
  createdAt: Type.String({ format: 'date-time' }), settledAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  transactionNo: Type.Union([Type.String(), Type.Null()]),
});
const FeeBody = Type.Object({
  units: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, description: 'Số trang (phí theo trang, vd. chứng thực bản sao)' })),
  copies: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  exemption: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'Trường hợp miễn (đúng như trong danh mục miễn của thủ tục)' })),
}, { additionalProperties: false });

export async function paymentRoutes(app: App, deps: Deps) {
  app.get(IPN_PATH, {
    schema: {
      tags,
      summary: 'Thông báo kết quả thanh toán từ cổng thanh toán (IPN, gọi máy chủ – máy chủ)',
      description: 'Cổng thanh toán gọi địa chỉ này với các tham số vnp_* ký HMAC-SHA512 (vnp_SecureHash). Trả lời theo mã của cổng: ' +
        '00 ghi nhận, 01 không có đơn, 02 đơn đã xử lý (thông báo lặp lại, đơn hết hạn hoặc đã kết thúc), 04 sai số tiền, 97 sai chữ ký, 99 lỗi khác. ' +
        'Địa chỉ trả về cho người dân (/thanh-toan/ket-qua) chỉ hiển thị kết quả, không ghi nhận thanh toán.',
      querystring: Type.Object({ vnp_SecureHash: Type.Optional(Type.String()), vnp_TxnRef: Type.Optional(Type.String()) }, { additionalProperties: true }),
      response: { 200: Type.Object({ RspCode: Type.String(), Message: Type.String() }) },
    },
  }, async (req, reply) => {
    // Limited by address and by order (shared/rate-limits.ts); the gateway retries a refused notification.
    await requireWriteAllowed(deps.db, reply, 'ipn', req.ip, String(req.query.vnp_TxnRef ?? ''), deps.now());
    try {
      return await handleIpn(deps, req.query, req.log);
    } catch (e) {
      req.log.error({ err: e }, 'payment notification failed');
      return { RspCode: '99', Message: 'Unknown error' };
    }
  });

  app.post('/api/v1/public/payments', {
    schema: {
      tags,
      summary: 'Người dân bắt đầu thanh toán trực tuyến khoản phí, lệ phí hoặc nghĩa vụ tài chính của hồ sơ (số tiền do máy chủ tính)',
      description: 'Cần mã hồ sơ (hoặc mã tra cứu HS-XXXX-XXXX của hồ sơ nộp trực tuyến chưa có mã hồ sơ) và 4 số cuối số định danh ' +
        'cá nhân của người nộp. Trả về địa chỉ trang thanh toán của cổng (tham số ký HMAC-SHA512); kết quả được ghi nhận khi cổng ' +
        'gọi thông báo IPN.',
      body: Type.Object({
        code: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: 'Mã hồ sơ hoặc mã tra cứu' })),
        id: Type.Optional(Type.String({ format: 'uuid', description: 'Định danh nội bộ của hồ sơ, thay cho mã hồ sơ (dành cho phần mềm kết nối)' })),
        idLast4: Type.String({ pattern: '^[0-9]{4}$' }),
      }, { additionalProperties: false }),
      response: {
        201: Type.Object({
          ref: Type.String(), amountVnd: Type.Integer(), description: Type.String(), purpose: Type.String(),
          expiresAt: Type.String({ format: 'date-time' }), paymentUrl: Type.String(),
        }),
      },
    },
  }, async (req, reply) => {
    const b = req.body;
    if (!b.code === !b.id) throw new Problem(400, 'CODE_OR_ID_REQUIRED', 'Cần mã hồ sơ hoặc mã tra cứu của hồ sơ (chỉ một trong hai cách).');
    const d = await guardedLookup(deps.db, dossierRef(b.id ?? b.code!), b.idLast4, deps.now());
    if (d === 'locked') throw new Problem(429, 'LOOKUP_LOCKED', lockedMessage(LOOKUP_POLICY));
    if (!d) throw notFound('hồ sơ');
    const r = await startOnlinePayment(deps, d.id, req.ip, 'citizen');
    return reply.code(201).send({ ...r, expiresAt: r.expiresAt.toISOString() });
  });

  app.get('/api/v1/dossiers/:id/payments', {
    schema: {
      tags, summary: 'Các đơn thanh toán của hồ sơ và khoản phải nộp hiện tại (số tiền do máy chủ tính)', security, params: IdParam,
      response: { 200: Type.Object({ due: Due, paidOnline: Type.Boolean(), orders: Type.Array(OrderSchema) }) },
    },
  }, async (req) => {
    const p = requireStaff(req);
    if (!(await loadDossier(deps.db, p, req.params.id))) throw notFound('hồ sơ');
    const { due } = await dueFor(deps.db, req.params.id, {}, deps.now());
    const orders = await ordersOfDossier(deps.db, req.params.id);
    const entries = (await entriesOf(deps.db, orders.map((o) => o.ref)));
    const now = deps.now();
    const list = orders.map((o) => {
      const es = entries.filter((e) => e.order_ref === o.ref);
      const done = es.find((e) => e.kind !== 'created');
      return {
        ref: o.ref, purpose: o.purpose, method: o.method, amountVnd: Number(o.amount_vnd), description: o.description,
        state: stateOf(toOrder(o), es.map(toEntry), now), createdAt: o.created_at.toISOString(),
        settledAt: done?.at.toISOString() ?? null, transactionNo: done?.transaction_no ?? null,
      };
    });
    return { due, paidOnline: list.some((o) => o.method === 'online' && o.state === 'paid'), orders: list };
  });

  app.post('/api/v1/dossiers/:id/payments/cash', {
    config: { roles: CASH_ROLES },
    schema: {
      tags, summary: 'Ghi nhận nộp phí, lệ phí bằng tiền mặt tại quầy (hoặc miễn), số tiền do máy chủ tính',
      description: 'Hồ sơ đang chờ thực hiện nghĩa vụ tài chính (trạng thái 6) được chuyển tiếp xử lý (obligation_met) trong cùng giao dịch. Căn cứ: NĐ 118/2025 Đ24.',
      security, params: IdParam, headers: IdempotencyHeader, body: FeeBody,
      response: { 201: Type.Object({ ref: Type.String(), entryId: Type.String(), amountVnd: Type.Integer(), method: Type.String(), purpose: Type.String(), description: Type.String() }) },
    },
  }, async (req, reply) => {
    const p = requireStaff(req, ...CASH_ROLES);
    return idempotent(deps.db, req, reply, principalKey(p), async (trx) => ({
      status: 201, body: await recordCash(trx, p, req.params.id, req.body, deps.now()),
    }));
  });

  app.get('/api/v1/dossiers/:id/payments/:ref/receipt', {
    schema: {
      tags, summary: 'Biên lai thu phí, lệ phí điện tử (PDF) của một đơn đã thanh toán', security,
      params: Type.Object({ id: Type.String({ format: 'uuid' }), ref: Ref }),
    },
  }, async (req, reply) => {
    const p = requireStaff(req);
    if (!(await loadDossier(deps.db, p, req.params.id))) throw notFound('hồ sơ');
    const r = await receiptPdf(deps.db, req.params.id, req.params.ref, deps.now());
    reply.header('Content-Disposition', `inline; filename="${r.fileName}"`);
    return reply.type('application/pdf').send(r.pdf);
  });

  app.get('/api/v1/payments/reconciliation', {
    config: { roles: RECONCILE_ROLES },
    schema: {
      tags, summary: 'Đối soát trong ngày: sổ thu trực tuyến so với giao dịch của cổng thanh toán, liệt kê chênh lệch', security,
      querystring: Type.Object({ day: Type.String({ format: 'date', description: 'Ngày (giờ Việt Nam), YYYY-MM-DD' }) }),
      response: {
        200: Type.Object({
          day: Type.String(), ledgerCount: Type.Integer(), gatewayCount: Type.Integer(), ledgerPaidVnd: Type.Integer(), gatewayPaidVnd: Type.Integer(),
          mismatches: Type.Array(Type.Object({
            ref: Type.String(), kind: Type.String(), label: Type.String(),
            ledgerAmountVnd: Type.Union([Type.Integer(), Type.Null()]), gatewayAmountVnd: Type.Union([Type.Integer(), Type.Null()]),
            ledgerOutcome: Type.Union([Type.String(), Type.Null()]), gatewayOutcome: Type.Union([Type.String(), Type.Null()]),
          })),
        }),
      },
    },
  }, async (req) => {
    const p = requireStaff(req, ...RECONCILE_ROLES);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(req.query.day)) throw new Problem(400, 'BAD_DAY', 'Ngày đối soát không hợp lệ.');
    const r = await reconcileDay(deps, p, req.query.day);
    return {
      ...r,
      mismatches: r.mismatches.map((m) => ({
        ref: m.ref, kind: m.kind, label: MISMATCH_LABELS[m.kind], ledgerAmountVnd: m.ledger?.amountVnd ?? null,
        gatewayAmountVnd: m.gateway?.amountVnd ?? null, ledgerOutcome: m.ledger?.outcome ?? null, gatewayOutcome: m.gateway?.outcome ?? null,
      })),
    };
  });
}
