// The local stand-in of the provincial platform (LGSP) in front of the population and civil-status databases: the
// OAuth2 client-credentials token endpoint, the population lookup by ID number and the verification of birth and
// marriage records, holding the fictional people of lgsp-people.ts. It checks what the real platform checks: the
// client's credentials, a valid bearer token, a request id, and who asks and why (it refuses a call without them,
// TT 117/2026/TT-BCA), and keeps its own log of calls (GET /thu-nghiem/nhat-ky, with the client's credentials), so
// tests can see what reached the platform. Plain node:http: it stands for someone else's server.
import crypto from 'node:crypto';
import http from 'node:http';
import { listenOnLoopback, readBody } from './standin-http.ts';
import { STANDIN_BIRTHS, STANDIN_MARRIAGES, STANDIN_PEOPLE } from './lgsp-people.ts';

export const STANDIN_LOG_PATH = '/thu-nghiem/nhat-ky';
const TOKEN_TTL_S = 600;

/** One call as the stand-in logged it. */
export interface StandInCall { requestId: string; path: string; purpose: string; actor: string; caseRef: string }

const fold = (s: unknown) => (typeof s === 'string' ? s.replace(/\s+/g, '').toUpperCase() : '');

export async function startLgspStandIn(o: { clientId: string; clientSecret: string }): Promise<{ url: string; stop(): Promise<void> }> {
  const tokens = new Map<string, number>();
  const calls: StandInCall[] = [];
  const basicOk = (h: string | undefined) => {
    const m = /^Basic (.+)$/.exec(h ?? '');
    if (!m) return false;
    const [id, secret] = Buffer.from(m[1]!, 'base64').toString('utf8').split(':').map(decodeURIComponent);
    const want = Buffer.from(o.clientSecret);
    const got = Buffer.from(secret ?? '');
    return id === o.clientId && want.length === got.length && crypto.timingSafeEqual(want, got);
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://lgsp');
      const json = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));

      if (req.method === 'POST' && url.pathname === '/oauth2/token') {
        const form = new URLSearchParams(await readBody(req));
        if (!basicOk(req.headers.authorization)) return json(401, { error: 'invalid_client', error_description: 'Sai mã hoặc khóa kết nối' });
        if (form.get('grant_type') !== 'client_credentials') return json(400, { error: 'unsupported_grant_type' });
        const token = crypto.randomBytes(24).toString('base64url');
        tokens.set(token, Date.now() + TOKEN_TTL_S * 1000);
        return json(200, { access_token: token, token_type: 'Bearer', expires_in: TOKEN_TTL_S });
      }

      if (req.method === 'GET' && url.pathname === STANDIN_LOG_PATH) {
        if (!basicOk(req.headers.authorization)) return json(401, { error: 'invalid_client' });
        return json(200, { calls });
      }

      if (req.method !== 'POST') return json(404, { maKetQua: '99', thongBao: 'Không có dịch vụ này' });
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const until = bearer ? tokens.get(bearer) : undefined;
      if (!until || until < Date.now()) return json(401, { maKetQua: '401', thongBao: 'Mã truy cập không hợp lệ hoặc đã hết hạn' });
      let b: Record<string, unknown>;
      try {
        b = JSON.parse(await readBody(req)) as Record<string, unknown>;
      } catch {
        return json(400, { maKetQua: '400', thongBao: 'Dữ liệu gửi lên không đúng định dạng' });
      }
      const requestId = String(req.headers['x-request-id'] ?? '');
      const who = (b.nguoiYeuCau ?? {}) as Record<string, unknown>;
      if (!requestId || typeof b.mucDich !== 'string' || !b.mucDich.trim() || typeof who.taiKhoan !== 'string' || typeof who.maDonVi !== 'string') {
        return json(403, { maKetQua: '03', thongBao: 'Yêu cầu thiếu mã yêu cầu, người yêu cầu hoặc mục đích khai thác' });
      }
      calls.push({ requestId, path: url.pathname, purpose: b.mucDich, actor: who.taiKhoan, caseRef: String(b.maHoSo ?? '') });

      if (url.pathname === '/dancu/v1/cong-dan/tra-cuu') {
        const p = STANDIN_PEOPLE.find((x) => x.soDinhDanh === b.soDinhDanh);
        return p ? json(200, { maKetQua: '00', congDan: p }) : json(404, { maKetQua: '01', thongBao: 'Không tìm thấy công dân' });
      }
      if (url.pathname === '/hotich/v1/khai-sinh/xac-thuc' || url.pathname === '/hotich/v1/ket-hon/xac-thuc') {
        const list = url.pathname.includes('khai-sinh') ? STANDIN_BIRTHS : STANDIN_MARRIAGES;
        const r = list.find((x) => fold(x.soDangKy) === fold(b.soDangKy) && (!fold(b.quyenSo) || fold(x.quyenSo) === fold(b.quyenSo)));
        const key = url.pathname.includes('khai-sinh') ? 'khaiSinh' : 'ketHon';
        return r ? json(200, { maKetQua: '00', [key]: r }) : json(404, { maKetQua: '01', thongBao: 'Không tìm thấy trích lục' });
      }
      return json(404, { maKetQua: '99', thongBao: 'Không có dịch vụ này' });
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  return listenOnLoopback(server);
}
