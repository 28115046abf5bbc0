// The local stand-in payment gateway: speaks the gateway protocol of src/payments/core/protocol.ts (signed payment
// URL → a page with "Thanh toán" / "Hủy giao dịch" / "Giao dịch lỗi" → signed IPN call to the merchant, then the
// redirect to the return URL), and answers a signed "transactions of a day" query for the daily reconciliation.
// Plain node:http and hand-written HTML: it stands for someone else's server and shares nothing with the app.
import crypto from 'node:crypto';
import http from 'node:http';
import { listenOnLoopback, readBody } from './standin-http.ts';
import {
  gatewayDate, paramsOf, parseGatewayDate, resultParams, signed, toQuery, verify, type GatewayResult, type Outcome, type Params,
} from '../payments/core/protocol.ts';

export const STANDIN_PAY_PATH = '/paymentv2/vpcpay.html';
export const STANDIN_QUERY_PATH = '/merchant/transactions';

interface Txn {
  params: Params;
  result: GatewayResult | null;
  ipn: string;
}

export interface StandIn {
  url: string;
  stop(): Promise<void>;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title: string, body: string) =>
  `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
  `<title>${esc(title)}</title><style>body{font-family:sans-serif;max-width:36rem;margin:1rem auto;padding:0 1rem}` +
  `.banner{background:#fff3cd;border:2px solid #b58100;padding:.5rem 1rem}button{font-size:1rem;margin:.25rem .5rem .25rem 0;padding:.5rem 1rem}</style>` +
  `</head><body><p class="banner"><strong>CỔNG THANH TOÁN THỬ NGHIỆM</strong> của Xã Số: không trừ tiền thật.</p>${body}</body></html>`;

const vnd = (n: number) => n.toLocaleString('vi-VN') + ' đồng';

/** Starts the stand-in on 127.0.0.1 (a free port). `ipnUrl` is the merchant's notification address. */
export async function startStandInGateway(o: { merchantCode: string; secret: string; ipnUrl: string }): Promise<StandIn> {
  const txns = new Map<string, Txn>();
  let seq = 0;

  const notify = async (t: Txn, query: string) => {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const res = await fetch(`${o.ipnUrl}?${query}`, { signal: AbortSignal.timeout(5000) });
        const body = (await res.json()) as { RspCode?: string };
        t.ipn = body.RspCode ?? 'no-code';
        if (body.RspCode === '00' || body.RspCode === '02') return;
      } catch {
        t.ipn = 'unreachable';
      }
      await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
    }
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://standin');
      const send = (status: number, type: string, body: string, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers }).end(body);
      };
      const html = (status: number, title: string, body: string) => send(status, 'text/html; charset=utf-8', page(title, body));
      const params = paramsOf(Object.fromEntries(url.searchParams));

      if (req.method === 'GET' && url.pathname === STANDIN_PAY_PATH) {
        if (!params || !verify(params, o.secret) || params.vnp_TmnCode !== o.merchantCode) {
          return html(400, 'Sai chữ ký', '<h1>Yêu cầu thanh toán không hợp lệ</h1><p>Chữ ký hoặc mã đơn vị không đúng (mã lỗi 97).</p>');
        }
        const ref = params.vnp_TxnRef ?? '';
        const expires = parseGatewayDate(params.vnp_ExpireDate ?? '');
        if (expires && expires.getTime() < Date.now()) {
          return html(400, 'Hết hạn', '<h1>Giao dịch đã quá thời gian chờ thanh toán</h1><p>Mã lỗi 11. Vui lòng tạo yêu cầu thanh toán mới.</p>');
        }
        const known = txns.get(ref);
        if (known?.result) return html(409, 'Đã xử lý', '<h1>Giao dịch này đã được xử lý</h1>');
        txns.set(ref, { params, result: null, ipn: '' });
        const amount = Number(params.vnp_Amount) / 100;
        return html(200, 'Thanh toán', `<h1>Thanh toán cho ${esc(o.merchantCode)}</h1>` +
          `<dl><dt>Mã giao dịch của đơn vị</dt><dd>${esc(ref)}</dd><dt>Nội dung</dt><dd>${esc(params.vnp_OrderInfo ?? '')}</dd>` +
          `<dt>Số tiền</dt><dd><strong>${esc(vnd(amount))}</strong></dd></dl>` +
          `<form method="post" action="/paymentv2/confirm"><input type="hidden" name="ref" value="${esc(ref)}">` +
          `<button name="choice" value="pay">Thanh toán</button><button name="choice" value="cancel">Hủy giao dịch</button>` +
          `<button name="choice" value="fail">Giao dịch lỗi</button></form>`);
      }

      if (req.method === 'POST' && url.pathname === '/paymentv2/confirm') {
        const form = new URLSearchParams(await readBody(req));
        const t = txns.get(form.get('ref') ?? '');
        const choice = form.get('choice');
        if (!t || t.result || !['pay', 'cancel', 'fail'].includes(choice ?? '')) {
          return html(400, 'Không hợp lệ', '<h1>Không tìm thấy giao dịch đang chờ</h1>');
        }
        const outcome: Outcome = choice === 'pay' ? 'paid' : choice === 'cancel' ? 'cancelled' : 'failed';
        seq += 1;
        t.result = {
          merchantCode: o.merchantCode, orderRef: t.params.vnp_TxnRef!, amountVnd: Number(t.params.vnp_Amount) / 100, outcome,
          responseCode: outcome === 'paid' ? '00' : outcome === 'cancelled' ? '24' : '51',
          transactionNo: String(14_000_000 + seq), bankCode: 'NCB', payDate: new Date(),
        };
        const query = toQuery(signed(resultParams(t.result), o.secret));
        await notify(t, query); // server to server first, as the real gateway does
        return send(303, 'text/plain', '', { location: `${t.params.vnp_ReturnUrl}?${query}` });
      }

      // Reconciliation: the gateway's records of one day (Vietnam time), for a signed request of the merchant.
      if (req.method === 'GET' && url.pathname === STANDIN_QUERY_PATH) {
        const day = params?.vnp_TransDate ?? '';
        if (!params || !verify(params, o.secret) || params.vnp_TmnCode !== o.merchantCode || !/^\d{8}$/.test(day)) {
          return send(401, 'application/json', JSON.stringify({ RspCode: '97', Message: 'Invalid signature' }));
        }
        const list = [...txns.values()]
          .filter((t): t is Txn & { result: GatewayResult } => !!t.result && gatewayDate(t.result.payDate!).startsWith(day))
          .map((t) => resultParams(t.result));
        return send(200, 'application/json', JSON.stringify({ RspCode: '00', vnp_TransDate: day, transactions: list }));
      }
      return send(404, 'text/plain; charset=utf-8', 'Không tìm thấy');
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  return listenOnLoopback(server);
}

/** A secret for a stand-in started without one (never used against a real gateway). */
export const standInSecret = () => crypto.randomBytes(32).toString('hex');
