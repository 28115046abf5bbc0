// Enqueueing a scan for digitisation, inside the caller's transaction (the one that stores the upload): the scan is
// measured BEFORE that transaction (measureScan(), measure.ts: a child process must not hold a transaction open),
// judged at once (core/quality.ts, so the officer hears now what is wrong: "độ phân giải thấp", "thiếu trang"…), and
// queued for the worker (worker.ts), which makes the PDF/A-2 storage copy with its OCR text. The same source for the
// same component is one job, however often it is enqueued; a new source is the next version (V2, V3…).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { vnDate } from '../calendar/core/vn-time.ts';
import type { ScanFacts } from './core/facts.ts';
import { storageFileName } from './core/naming.ts';
import { checkScan, colourNeedOf, qualityRulesAt, type ColourNeed, type Finding } from './core/quality.ts';
import { ocrTimeoutMs } from './core/retry.ts';
import { insertJob } from './store.ts';

export interface EnqueueInput {
  dossierId: string;
  procedureCode: string;
  /** The component (thành phần hồ sơ) of the procedure version, or KET_QUA for the result. */
  component: { code: string; name: string; kind?: string };
  /** The scan, already stored with putFile() in this transaction (it is the master copy and stays as it is). */
  sourceSha256: string;
  /** measureScan() of the scan's bytes. */
  facts: ScanFacts;
  /** Pages expected, when the officer or the procedure knows; absent: not checked. */
  expectedPages?: number;
  /** Overrides the colour need read from the component (colourNeedOf). */
  colour?: ColourNeed;
  enqueuedBy: number | null;
  now: Date;
}

export interface Enqueued {
  jobId: string;
  version: number;
  fileName: string;
  /** What the officer should be told now (an error: scan again). */
  findings: Finding[];
  /** False when this source already had its job (a repeated submit): nothing new was queued. */
  created: boolean;
  /** The job's status (queued for a new one; whatever it reached for an existing one). */
  status: 'queued' | 'running' | 'done' | 'failed';
}

export async function enqueueDigitisation(trx: Kysely<Database>, v: EnqueueInput): Promise<Enqueued> {
  const colourNeed = v.colour ?? colourNeedOf(v.component);
  const findings = checkScan(v.facts, { colour: colourNeed, expectedPages: v.expectedPages }, qualityRulesAt(vnDate(v.now)));
  const row = await insertJob(trx, {
    dossierId: v.dossierId,
    componentCode: v.component.code,
    sourceSha256: v.sourceSha256,
    sourceType: v.facts.type,
    colourNeed,
    expectedPages: v.expectedPages ?? null,
    facts: v.facts,
    findings,
    timeoutSeconds: Math.ceil(ocrTimeoutMs(v.facts.pages.length) / 1000),
    enqueuedBy: v.enqueuedBy,
    now: v.now,
    fileName: (version) => storageFileName({ procedureCode: v.procedureCode, componentCode: v.component.code, componentName: v.component.name, at: v.now, version }),
  });
  return { jobId: String(row.id), version: row.version, fileName: row.file_name, findings: row.findings, created: row.created, status: row.status };
}
