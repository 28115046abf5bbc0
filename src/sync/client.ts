// Talking to the national portal (the real one or the stand-in, src/outside/portal.ts): posting a message under its
// stable id, and the reconciliation's count query. An answer is either the portal's `{error_code, message}` or, when
// there is none (down, unreachable, not JSON), a transient failure to retry.
import { MESSAGE_ID_HEADER, type PortalSettings } from '../outside/portal.ts';
import { PORTAL_PATHS } from './core/contract.ts';
import { PERMANENT_ERRORS, PORTAL_ERRORS } from './core/contract.ts';
import type { DayCount } from './tables.ts';

export interface Sent {
  ok: boolean;
  /** The portal's refusal is about the message itself: re-sending it unchanged cannot succeed. */
  permanent: boolean;
  code: string;
  message: string;
}

const TIMEOUT_MS = 15_000;

const headers = (s: PortalSettings) => ({ authorization: `Bearer ${s.token}`, 'content-type': 'application/json' });

/** Posts one message to an endpoint of the contract. */
export async function post(s: PortalSettings, endpoint: 'create' | 'update' | 'history', messageId: string, body: unknown): Promise<Sent> {
  let res: Response;
  try {
    res = await fetch(`${s.url}${PORTAL_PATHS[endpoint]}`, {
      method: 'POST', headers: { ...headers(s), [MESSAGE_ID_HEADER]: messageId }, body: JSON.stringify(body), signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (e) {
    return { ok: false, permanent: false, code: 'KHONG_KET_NOI', message: `Không kết nối được Cổng: ${e instanceof Error ? e.message : String(e)}`.slice(0, 300) };
  }
  const text = await res.text().catch(() => '');
  let a: { error_code?: unknown; message?: unknown } = {};
  try {
    a = JSON.parse(text) as typeof a;
  } catch {
    // not JSON: a proxy's error page, a gateway timeout…
  }
  const code = typeof a.error_code === 'string' ? a.error_code : typeof a.error_code === 'number' ? String(a.error_code) : `HTTP_${res.status}`;
  const message = typeof a.message === 'string' ? a.message.slice(0, 500) : `Cổng trả lời HTTP ${res.status}.`;
  if (code === PORTAL_ERRORS.OK && res.ok) return { ok: true, permanent: false, code, message };
  return { ok: false, permanent: PERMANENT_ERRORS.has(code), code, message };
}

const compact = (day: string) => day.replace(/-/g, '');

/** The portal's counts of a commune's dossiers per day of receipt and status, for days `from`…`to` (yyyy-MM-dd). */
export async function portalCounts(s: PortalSettings, communeId: string, from: string, to: string): Promise<DayCount[]> {
  const q = new URLSearchParams({ MaDonViTiepNhan: communeId, TuNgay: compact(from), DenNgay: compact(to) });
  const res = await fetch(`${s.url}${PORTAL_PATHS.counts}?${q}`, { headers: headers(s), signal: AbortSignal.timeout(TIMEOUT_MS) });
  const a = (await res.json().catch(() => ({}))) as { error_code?: string; message?: string; data?: { Ngay: string; TrangThaiHoSo: number; SoLuong: number }[] };
  if (!res.ok || a.error_code !== PORTAL_ERRORS.OK || !Array.isArray(a.data)) {
    throw new Error(a.message ?? `Cổng trả lời HTTP ${res.status}.`);
  }
  return a.data.map((d) => ({ day: `${d.Ngay.slice(0, 4)}-${d.Ngay.slice(4, 6)}-${d.Ngay.slice(6, 8)}`, status: Number(d.TrangThaiHoSo), n: Number(d.SoLuong) }));
}
