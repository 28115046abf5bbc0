// A scan taken at intake (the counter's scan form, the API's upload), in two steps around the transaction:
// `measureUpload()` BEFORE it (poppler runs in a child process: no transaction is held open meanwhile), then
// `storeScan()` inside it: the file is stored as it came (the master), attached to its component (dossiers/uploads.ts
// attachFile: flags and the history entry with its sha256), and queued for its storage copy (enqueue.ts), all or
// nothing. What is wrong with it is judged at once (core/quality.ts) and returned for the officer to read now.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { attachFile, putFile, type AcceptedType, type Attacher, type FileSource } from '../dossiers/uploads.ts';
import type { ScanFacts } from './core/facts.ts';
import { enqueueDigitisation, type Enqueued } from './enqueue.ts';
import { measureScan } from './measure.ts';
import { assemblePages, type PageImage } from './assemble.ts';
import type { Rotation } from './core/arrange.ts';
import { sourceContent } from './store.ts';

/** The facts of an upload (a file whose content is none of the scan types reads as unreadable). */
export async function measureUpload(content: Buffer, type: AcceptedType): Promise<ScanFacts> {
  return (await measureScan(content)) ?? { type, readable: false, pages: [] };
}

export interface StoreScan {
  dossier: { id: string; procedureCode: string };
  component: { code: string; name: string; kind?: string };
  content: Buffer;
  type: AcceptedType;
  fileName: string;
  source: FileSource;
  facts: ScanFacts;
  expectedPages?: number;
  /** The page images a counter scan was assembled from (`sha256` or `sha256@90`…), for the history. */
  pages?: string[];
  by: Attacher;
  uploadedBy: number | null;
  now: Date;
}

/** Stores, attaches and enqueues one scan in `trx`; the job says its version (V1, V2 on a re-scan…) and findings. */
export async function storeScan(trx: Kysely<Database>, v: StoreScan) {
  const sha256 = await putFile(trx, v.content, v.type);
  const job: Enqueued = await enqueueDigitisation(trx, {
    dossierId: v.dossier.id, procedureCode: v.dossier.procedureCode, component: v.component, sourceSha256: sha256,
    facts: v.facts, expectedPages: v.expectedPages, enqueuedBy: v.uploadedBy, now: v.now,
  });
  const file = await attachFile(trx, {
    dossierId: v.dossier.id, componentCode: v.component.code, fileName: v.fileName, sha256, source: v.source,
    uploadedBy: v.uploadedBy, by: v.by, at: v.now, version: job.version, pages: v.pages,
  });
  return { file, job, sha256 };
}

/** The master PDF of page images already stored (the arrangement step's pages, in order, each turned): each image at
 *  its measured resolution (300 dpi when it says nothing usable). Throws on an image that is not one. */
export async function assembleStored(db: Kysely<Database>, pages: readonly { sha256: string; rotate: Rotation }[]): Promise<Buffer> {
  const images: PageImage[] = [];
  for (const p of pages) {
    const f = await sourceContent(db, p.sha256);
    const type = f.content_type;
    if (type !== 'image/jpeg' && type !== 'image/png') throw new RangeError(`not an image: ${type}`);
    const facts = await measureScan(f.content);
    images.push({ content: f.content, type, dpi: facts?.pages[0]?.dpi ?? 300, rotate: p.rotate });
  }
  return assemblePages(images);
}
