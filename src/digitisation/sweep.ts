// Online uploads (the citizen's photos and scans, supplements, demo data) reach the queue here, not in their request:
// each cycle of the worker takes a bounded batch of dossier files that have no job yet (store.ts filesWithoutJob),
// measures each one (measure.ts: poppler in a child process, never in a request) and enqueues it (enqueue.ts), one
// transaction per file. Idempotent (a source has one job per component: enqueue returns the existing one) and
// restart-safe (the cursor lives in memory: a new process walks the files once from the start, by primary key).
// The cursor looks back SWEEP_LOOKBACK ids each time, for a file whose transaction committed after a newer one's.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { componentsOf } from '../catalogue/store.ts';
import { ACCEPTED_TYPES, type AcceptedType } from '../dossiers/uploads.ts';
import { enqueueDigitisation } from './enqueue.ts';
import { measureUpload } from './intake.ts';
import { filesWithoutJob, lastFileId, sourceContent } from './store.ts';

export const SWEEP_BATCH = 20;
export const SWEEP_LOOKBACK = 500;

export interface SweepCursor {
  after: number;
  /** Files whose enqueue failed in this process (e.g. no key opens them): not tried again until a restart. */
  failed?: Set<number>;
}

export interface SweepResult {
  enqueued: number;
  failed: number;
}

export async function sweepUnscanned(
  deps: { db: Kysely<Database>; now(): Date },
  cursor: SweepCursor,
  o: { limit?: number; onError?: (fileId: number, error: string) => void; signal?: AbortSignal } = {},
): Promise<SweepResult> {
  const limit = o.limit ?? SWEEP_BATCH;
  const failed = (cursor.failed ??= new Set());
  const rows = await filesWithoutJob(deps.db, Math.max(0, cursor.after - SWEEP_LOOKBACK), limit, [...failed].slice(-1000));
  const out: SweepResult = { enqueued: 0, failed: 0 };
  const components = new Map<string, Awaited<ReturnType<typeof componentsOf>>>();
  for (const f of rows) {
    if (o.signal?.aborted) return out; // the server is stopping: the cursor stays, the next start walks these again
    try {
      const key = `${f.procedure_code}#${f.procedure_version}`;
      if (!components.has(key)) components.set(key, await componentsOf(deps.db, f.procedure_code, f.procedure_version).catch(() => []));
      const c = components.get(key)!.find((x) => x.code === f.component_code);
      const type = (ACCEPTED_TYPES as readonly string[]).includes(f.content_type) ? (f.content_type as AcceptedType) : 'application/pdf';
      const facts = await measureUpload((await sourceContent(deps.db, f.sha256)).content, type);
      await deps.db.transaction().execute((trx) => enqueueDigitisation(trx, {
        dossierId: f.dossier_id, procedureCode: f.procedure_code,
        component: c ? { code: c.code, name: c.name, kind: c.kind } : { code: f.component_code, name: f.component_code },
        sourceSha256: f.sha256, facts, enqueuedBy: null, now: deps.now(),
      }));
      out.enqueued++;
    } catch (e) {
      out.failed++;
      failed.add(f.id);
      o.onError?.(f.id, e instanceof Error ? e.message : String(e));
    }
  }
  cursor.after = rows.length === limit ? Math.max(cursor.after, rows[rows.length - 1]!.id) : Math.max(cursor.after, await lastFileId(deps.db));
  return out;
}
