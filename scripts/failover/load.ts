// The intake load of the failover test: `concurrency` workers, each posting counter intakes one after another with
// its own Idempotency-Key; a request that fails (503 while the database is away, a connection error, a 500) is sent
// again with the SAME key until it is answered 201, so a dossier committed whose answer was lost comes back as a
// replay, never as a second dossier.
import type { Pool as HttpPool } from 'undici';

export interface Ack { id: string; code: string; key: string; at: number }

export interface LoadResult {
  acknowledged: Ack[];
  /** Failed attempts (each then retried with the same key). */
  failed: number;
  retried: number;
  /** 201 answers marked Idempotency-Replayed (the first attempt had committed). */
  replayed: number;
  byStatus: Record<number, number>;
  perSecond: number;
  /** When the first 201 came back for a request sent after the kill (ms epoch), and how many since. */
  firstAckAfterKill: number | null;
  acksAfterKill: number;
  /** The first answer that was neither 201 nor a 5xx (shown to help find why the load stalls). */
  firstError?: string;
}

interface Options {
  seconds?: number;
  until?: (r: LoadResult) => boolean;
  killedAt?: () => number;
  progress?: (m: string) => void;
  /** Give up after this long (ms). */
  limitMs?: number;
}

export async function intakeLoad(http: HttpPool, apiKey: string, prefix: string, concurrency: number, o: Options): Promise<LoadResult> {
  const r: LoadResult = { acknowledged: [], failed: 0, retried: 0, replayed: 0, byStatus: {}, perSecond: 0, firstAckAfterKill: null, acksAfterKill: 0 };
  const start = Date.now();
  const limit = o.limitMs ?? 300_000;
  const done = () => (o.seconds !== undefined ? Date.now() - start >= o.seconds * 1000 : (o.until?.(r) ?? false)) || Date.now() - start > limit;
  let lastReport = 0;
  const worker = async (w: number) => {
    for (let i = 0; !done(); i++) {
      const key = `xaso-${prefix}-${w}-${i}`; // 8–128 characters (http/openapi.ts IdempotencyHeader)
      const body = JSON.stringify({ procedureCode: '2.000815', applicant: { name: `Người thử ${w} ${i}`, idNumber: String(100000000000 + w * 1_000_000 + i) } });
      for (let attempt = 0; ; attempt++) {
        if (attempt > 0) r.retried++;
        const sentAt = Date.now();
        let status = 0;
        try {
          const res = await http.request({
            method: 'POST', path: '/api/v1/dossiers', headersTimeout: 30_000, bodyTimeout: 30_000,
            headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'idempotency-key': key },
            body,
          });
          status = res.statusCode;
          const text = await res.body.text();
          if (status === 201) {
            const d = JSON.parse(text) as { id: string; code: string };
            const at = Date.now();
            r.acknowledged.push({ id: d.id, code: d.code, key, at });
            if (res.headers['idempotency-replayed'] === 'true') r.replayed++;
            const killed = o.killedAt?.() ?? 0;
            if (killed && sentAt > killed) {
              r.acksAfterKill++;
              r.firstAckAfterKill ??= at;
            }
            break;
          }
          if (status < 500 && status !== 429 && !r.firstError) r.firstError = `${status} ${text.slice(0, 300)}`;
        } catch { /* connection refused or reset: counted as status 0 */ }
        r.failed++;
        r.byStatus[status] = (r.byStatus[status] ?? 0) + 1;
        if (Date.now() - start > limit) return;
        if (o.progress && Date.now() - lastReport > 2000) {
          lastReport = Date.now();
          o.progress(`  ${r.acknowledged.length} xác nhận, ${r.failed} lỗi (${JSON.stringify(r.byStatus)})${r.firstError ? `; lỗi đầu tiên: ${r.firstError}` : ''}`);
        }
        await new Promise((res) => setTimeout(res, 200));
      }
      if (o.progress && Date.now() - lastReport > 2000) {
        lastReport = Date.now();
        o.progress(`  ${r.acknowledged.length} xác nhận, ${r.failed} lỗi (đã gửi lại), ${r.replayed} trả lại từ khóa`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  r.perSecond = Math.round(r.acknowledged.length / ((Date.now() - start) / 1000));
  return r;
}
