// Kysely table types of this area, joined into Database (src/db/schema.ts): the digitisation queue
// (migration 036_digitisation.sql) and the blind index of its OCR text (040_ocr_search.sql).
import type { ColumnType, Generated } from 'kysely';
import type { ScanFacts } from './core/facts.ts';
import type { ColourNeed, Finding } from './core/quality.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type DigitisationStatus = 'queued' | 'running' | 'done' | 'failed';

export interface DigitisationJobsTable {
  id: Generated<string>;
  dossier_id: string;
  commune_id: string;
  component_code: string;
  version: number;
  source_sha256: string;
  source_type: string;
  file_name: string;
  colour_need: ColourNeed;
  expected_pages: number | null;
  source_pages: number;
  facts: ColumnType<ScanFacts, string, string>;
  findings: ColumnType<Finding[], string, string>;
  status: Generated<DigitisationStatus>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  timeout_seconds: number;
  last_error: string | null;
  error_detail: string | null;
  result_sha256: string | null;
  ocr_sha256: string | null;
  ocr_letters: number | null;
  result_pages: number | null;
  enqueued_by: number | null;
  created_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

/** The keyed hashes of a done job's OCR words (core/terms.ts); `terms` are signed 64-bit integers as decimal text. */
export interface OcrTermsTable {
  job_id: string;
  dossier_id: string;
  commune_id: string;
  key_id: string;
  terms: ColumnType<string[], string[], string[]>;
  made_at: Timestamp;
}

export interface DigitisationTables {
  digitisation_jobs: DigitisationJobsTable;
  ocr_terms: OcrTermsTable;
}
