// The local stand-in national public-service portal (DVCQG): receives the sync messages at the contract's three
// endpoints and validates each against the contract (src/sync/core/contract.ts: required fields, formats, code lists,
// status transitions, idempotency by message id), answers `{error_code, message}`, keeps what it accepted, answers the
// reconciliation's count query, and offers a small page where a dossier is "filed on the national portal" and
// forwarded to our inbound endpoint (portal-standin-page.ts). Plain node:http: it stands for someone else's server and
// shares nothing with the app but the contract's declaration. Tests take it down (503) and plant differences.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import {
  MAX_STEPS_PER_MESSAGE, PORTAL_ERRORS, PORTAL_PATHS as PATHS, checkHoSo, checkStep, transitionAllowed, type PortalAnswer,
} from '../sync/core/contract.ts';
import { filingPage, forwardFiling, type Filing, type FilingInput } from './portal-standin-page.ts';
import { listenOnLoopback, readBody } from './standin-http.ts';

type Obj = Record<string, unknown>;

/** What the stand-in holds of one dossier. */
export interface PortalDossier {
  hoso: Obj;
  steps: Obj[];
  /** Filed on the portal (and forwarded to the commune), not created by a sync message. */
  filedHere: boolean;
}

/** One accepted message, in the order received. */
export interface Delivery {
  messageId: string;
  endpoint: 'create' | 'update' | 'history';
  codes: string[];
  statuses: number[];
}

export interface PortalStandIn {
  url: string;
  /** Answer 503 to everything (the portal is down) or serve again. */
  setDown(down: boolean): void;
  /** Every accepted message, once per message id, in order. */
  deliveries(): Delivery[];
  /** How many requests each message id arrived in (re-sends included). */
  receipts(messageId: string): number;
  dossier(code: string): PortalDossier | undefined;
  /** Plants a difference: forgets a dossier, or changes its status. */
  forget(code: string): void;
  setStatus(code: string, status: number): void;
  /** Files a dossier on the portal and forwards it to the commune's inbound endpoint (the page does the same). */
  file(input: FilingInput): Promise<Filing>;
  stop(): Promise<void>;
}

const answer = (error_code: string, message: string): PortalAnswer => ({ error_code, message });
const OK = (message: string) => answer(PORTAL_ERRORS.OK, message);

const STATUS_OF: Record<string, number> = {
  [PORTAL_ERRORS.OK]: 200, [PORTAL_ERRORS.UNKNOWN_DOSSIER]: 404, [PORTAL_ERRORS.DOSSIER_EXISTS]: 409,
  [PORTAL_ERRORS.DUPLICATE_MESSAGE]: 409, [PORTAL_ERRORS.ILLEGAL_TRANSITION]: 409, [PORTAL_ERRORS.UNAUTHORIZED]: 401,
  [PORTAL_ERRORS.UNAVAILABLE]: 503,
};

const sameToken = (got: string, want: string) => {
  const a = crypto.createHash('sha256').update(got).digest();
  const b = crypto.createHash('sha256').update(want).digest();
  return crypto.timingSafeEqual(a, b);
};

/** What the journal keeps of a dossier: what later messages are checked against and the count query reads (not the
 *  applicant: the stand-in's file holds no personal data). */
const KEPT = ['MaHoSo', 'TrangThaiHoSo', 'MaDonViTiepNhan', 'NgayTiepNhan', 'MaTTHC'] as const;
const kept = (h: Obj): Obj => Object.fromEntries(KEPT.filter((k) => h[k] !== undefined).map((k) => [k, h[k]]));

type JournalLine = { d: Obj; f: boolean } | { m: string; h: string; a: PortalAnswer };

/**
 * Starts the stand-in on a free loopback port. `journal`: a file where what it accepted is appended (the dossiers'
 * status and receipt day, the message ids it answered), read back at the next start, so that after a restart of
 * Xã Số the portal still knows the dossiers it holds, as the real one would. Without it, memory only (tests).
 */
export async function startStandInPortal(o: { token: string; inboundKey: string; inboundUrl: string; journal?: string }): Promise<PortalStandIn> {
  const dossiers = new Map<string, PortalDossier>();
  const accepted = new Map<string, { hash: string; answer: PortalAnswer }>();
  const received = new Map<string, number>();
  const log: Delivery[] = [];
  let down = false;
  let filed = 0;
  const remember = (line: JournalLine) => {
    if (o.journal) fs.appendFileSync(o.journal, JSON.stringify(line) + '\n');
  };
  const keepDossier = (h: Obj, filedHere: boolean) => {
    const known = dossiers.get(String(h.MaHoSo));
    if (known) known.hoso = h;
    else dossiers.set(String(h.MaHoSo), { hoso: h, steps: [], filedHere });
    remember({ d: kept(h), f: known?.filedHere ?? filedHere });
  };
  if (o.journal && fs.existsSync(o.journal)) {
    for (const text of fs.readFileSync(o.journal, 'utf8').split('\n')) {
      if (!text) continue;
      const line = JSON.parse(text) as JournalLine;
      if ('m' in line) accepted.set(line.m, { hash: line.h, answer: line.a });
      else {
        const code = String(line.d.MaHoSo);
        if (line.f && !dossiers.has(code)) filed++;
        dossiers.set(code, { hoso: line.d, steps: dossiers.get(code)?.steps ?? [], filedHere: line.f });
      }
    }
  }

  const list = (body: unknown): Obj[] | PortalAnswer =>
    Array.isArray(body) && body.length && body.every((x) => x && typeof x === 'object')
      ? (body as Obj[]) : answer(PORTAL_ERRORS.BAD_FORMAT, 'Nội dung phải là danh sách JSON không rỗng.');

  /** Validates a message as a whole (nothing is applied unless all of it is valid), then applies it. */
  const handle = (endpoint: 'create' | 'update' | 'history', body: unknown, messageId: string): PortalAnswer => {
    const items = list(body);
    if (!Array.isArray(items)) return items;
    if (endpoint === 'history') {
      if (items.length > MAX_STEPS_PER_MESSAGE) return answer(PORTAL_ERRORS.TOO_MANY, `Mỗi lần đồng bộ tối đa ${MAX_STEPS_PER_MESSAGE} bước xử lý.`);
      for (const [i, t] of items.entries()) {
        const p = checkStep(t, i);
        if (p) return p;
        if (!dossiers.has(String(t.MaHoSo))) return answer(PORTAL_ERRORS.UNKNOWN_DOSSIER, `Hồ sơ ${String(t.MaHoSo)} chưa có trên Cổng.`);
      }
      for (const t of items) dossiers.get(String(t.MaHoSo))!.steps.push(t);
      log.push({ messageId, endpoint, codes: items.map((t) => String(t.MaHoSo)), statuses: items.map((t) => Number(t.TrangThai)) });
      return OK(`Đã nhận ${items.length} bước xử lý.`);
    }
    for (const h of items) {
      const p = checkHoSo(h);
      if (p) return p;
      const known = dossiers.get(String(h.MaHoSo));
      if (endpoint === 'create' && known) return answer(PORTAL_ERRORS.DOSSIER_EXISTS, `Hồ sơ ${String(h.MaHoSo)} đã có trên Cổng; dùng cập nhật.`);
      if (endpoint === 'update' && !known) return answer(PORTAL_ERRORS.UNKNOWN_DOSSIER, `Hồ sơ ${String(h.MaHoSo)} chưa có trên Cổng; cần thêm mới trước.`);
      if (known && !transitionAllowed(Number(known.hoso.TrangThaiHoSo), Number(h.TrangThaiHoSo))) {
        return answer(PORTAL_ERRORS.ILLEGAL_TRANSITION, `Hồ sơ ${String(h.MaHoSo)} không thể chuyển từ trạng thái ${String(known.hoso.TrangThaiHoSo)} sang ${String(h.TrangThaiHoSo)}.`);
      }
    }
    for (const h of items) keepDossier(h, false);
    log.push({ messageId, endpoint, codes: items.map((h) => String(h.MaHoSo)), statuses: items.map((h) => Number(h.TrangThaiHoSo)) });
    return OK(endpoint === 'create' ? 'Đã thêm mới hồ sơ.' : 'Đã cập nhật hồ sơ.');
  };

  /** Counts per day of NgayTiepNhan (yyyyMMdd, as written: Vietnam time) and status, for one receiving unit. */
  const counts = (unit: string, from: string, to: string) => {
    const out = new Map<string, { Ngay: string; TrangThaiHoSo: number; SoLuong: number }>();
    for (const d of dossiers.values()) {
      const day = String(d.hoso.NgayTiepNhan ?? '').slice(0, 8);
      if (d.hoso.MaDonViTiepNhan !== unit || !day || day < from || day > to) continue;
      const k = `${day}|${String(d.hoso.TrangThaiHoSo)}`;
      const c = out.get(k) ?? { Ngay: day, TrangThaiHoSo: Number(d.hoso.TrangThaiHoSo), SoLuong: 0 };
      c.SoLuong++;
      out.set(k, c);
    }
    return [...out.values()];
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://standin');
      const json = (a: object, status?: number) => {
        const code = (a as PortalAnswer).error_code;
        res.writeHead(status ?? STATUS_OF[code] ?? 400, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(a));
      };
      if (down) return json(answer(PORTAL_ERRORS.UNAVAILABLE, 'Cổng Dịch vụ công quốc gia tạm ngừng phục vụ.'), 503);
      if (url.pathname === '/nop-ho-so') {
        return filingPage(req, res, (input) => fileDossier(input));
      }
      const auth = req.headers.authorization ?? '';
      if (!auth.startsWith('Bearer ') || !sameToken(auth.slice(7), o.token)) {
        return json(answer(PORTAL_ERRORS.UNAUTHORIZED, 'Sai hoặc thiếu mã truy cập (Bearer).'));
      }
      if (req.method === 'GET' && url.pathname === PATHS.counts) {
        const unit = url.searchParams.get('MaDonViTiepNhan') ?? '';
        const from = url.searchParams.get('TuNgay') ?? '';
        const to = url.searchParams.get('DenNgay') ?? '';
        if (!unit || !/^\d{8}$/.test(from) || !/^\d{8}$/.test(to)) return json(answer(PORTAL_ERRORS.BAD_FORMAT, 'Cần MaDonViTiepNhan, TuNgay, DenNgay (yyyyMMdd).'));
        return json({ ...OK('Số liệu hồ sơ theo ngày tiếp nhận và trạng thái.'), data: counts(unit, from, to) });
      }
      const endpoint = (Object.keys(PATHS) as (keyof typeof PATHS)[]).find((k) => PATHS[k] === url.pathname && k !== 'counts');
      if (req.method !== 'POST' || !endpoint || endpoint === 'counts') return json(answer('KHONG_TIM_THAY', 'Không có địa chỉ này.'), 404);
      const raw = await readBody(req, 20_000_000);
      const messageId = String(req.headers['x-message-id'] ?? '');
      if (!/^[0-9a-f-]{36}$/i.test(messageId)) return json(answer(PORTAL_ERRORS.MISSING_FIELD, 'Thiếu mã thông điệp (X-Message-Id).'));
      received.set(messageId, (received.get(messageId) ?? 0) + 1);
      const hash = crypto.createHash('sha256').update(`${endpoint}\n${raw}`).digest('hex');
      const seen = accepted.get(messageId);
      if (seen) {
        return json(seen.hash === hash ? seen.answer
          : answer(PORTAL_ERRORS.DUPLICATE_MESSAGE, 'Mã thông điệp đã dùng cho một nội dung khác.'));
      }
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        return json(answer(PORTAL_ERRORS.BAD_FORMAT, 'Nội dung không phải JSON.'));
      }
      const a = handle(endpoint, body, messageId);
      // Only accepted messages are remembered: a refused one may come again, corrected or after a resend.
      if (a.error_code === PORTAL_ERRORS.OK) {
        accepted.set(messageId, { hash, answer: a });
        remember({ m: messageId, h: hash, a });
      }
      return json(a);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' }).end('{"error_code":"LOI_HE_THONG","message":"Lỗi hệ thống."}');
    });
  });

  /** Files a dossier here: it gets the portal's code and exists here (status 1) before it is forwarded. */
  async function fileDossier(input: FilingInput): Promise<Filing> {
    filed += 1;
    const local = new Date(Date.now() + 7 * 3_600_000).toISOString(); // Vietnam time
    const filedAt = local.slice(0, 19).replace(/[-T:]/g, '');
    const code = `000.00.00.G22-${filedAt.slice(2, 8)}-88${String(filed).padStart(4, '0')}`;
    keepDossier({ MaHoSo: code, MaTTHC: input.procedureCode, TrangThaiHoSo: 1, MaDonViTiepNhan: input.communeId, NgayNopHoSo: filedAt }, true);
    return forwardFiling(o.inboundUrl, o.inboundKey, code, filedAt, input);
  }

  const listening = await listenOnLoopback(server);
  return {
    url: listening.url,
    setDown: (d) => {
      down = d;
    },
    deliveries: () => [...log],
    receipts: (id) => received.get(id) ?? 0,
    dossier: (code) => dossiers.get(code),
    forget: (code) => void dossiers.delete(code),
    setStatus: (code, status) => {
      const d = dossiers.get(code);
      if (d) d.hoso = { ...d.hoso, TrangThaiHoSo: status };
    },
    file: fileDossier,
    stop: listening.stop,
  };
}
