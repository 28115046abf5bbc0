// Looking up the national databases for a dossier (TT 117/2026/TT-BCA, domain.md §9.1): only an officer (a person:
// an API key is no one to log), only for a dossier they may see, only with a purpose from the fixed list; the subject
// goes to the platform with the caller and purpose, and every call that reached the platform is logged (who, when,
// which dossier, purpose, registry, outcome, the subject as a keyed digest + last 4 digits + name) BEFORE any data is
// shown: a lookup whose log row cannot be written shows nothing. A refusal (no purpose, no dossier, a dossier the
// caller cannot see) sends nothing and logs nothing as a lookup: nothing was looked up. Nothing of the record is kept:
// the page shows it, and "Dùng thông tin này" carries it back under a seal (core/seal.ts).
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Deps } from '../http/deps.ts';
import { Problem, notFound } from '../http/problem.ts';
import type { Principal } from '../identity/core/principal.ts';
import { cachedSecret } from '../shared/secrets-store.ts';
import { idNumberOf, loadDossier, type DossierRow } from '../dossiers/store.ts';
import { LgspError } from '../outside/lgsp-client.ts';
import {
  CIVIL_STATUS_KIND_LABEL, ID_NUMBER, REGISTRY_INFO, isStaffPurpose,
  type Answer, type Caller, type CivilStatusQuery, type CivilStatusRecord, type Outcome, type PopulationRecord, type Purpose, type RegistryCode,
} from './core/registry.ts';
import { civilStatusMismatches, comparePerson, maskId, parseDate, tidy, type Line } from './core/compare.ts';
import { recordSeal, subjectDigest } from './core/seal.ts';
import { registriesFor } from './adapters.ts';
import { agencyCodeOf, insertLookup, lookupLog } from './store.ts';
import { decodeLogCursor, encodeLogCursor, vnDayStart } from './core/log.ts';

type Db = Kysely<Database>;

/** Who may look up for a dossier (besides seeing it): the one-stop desk and the officers handling dossiers. */
export const LOOKUP_ROLES = ['receiving_officer', 'specialist', 'unit_head'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const PURPOSE_REQUIRED = () => new Problem(400, 'PURPOSE_REQUIRED',
  'Chọn mục đích tra cứu: Tiếp nhận hồ sơ, Thẩm định hồ sơ hoặc Kiểm tra thông tin người nộp (Thông tư 117/2026/TT-BCA: chỉ tra cứu đúng mục đích).');
export const DOSSIER_REQUIRED = () => new Problem(400, 'DOSSIER_REQUIRED', 'Mỗi lần tra cứu phải gắn với một hồ sơ đang giải quyết (Thông tư 117/2026/TT-BCA).');

/** The platform's failure as the caller reads it. */
export function lgspProblem(e: LgspError): Problem {
  if (e.kind === 'auth') {
    return new Problem(502, 'REGISTRY_AUTH_FAILED',
      'Nền tảng tích hợp, chia sẻ dữ liệu của tỉnh không chấp nhận tài khoản kết nối của xã (mã hoặc khóa kết nối không đúng). Báo quản trị hệ thống.');
  }
  if (e.kind === 'refused') return new Problem(502, 'REGISTRY_REFUSED', 'Nền tảng tích hợp, chia sẻ dữ liệu của tỉnh từ chối yêu cầu tra cứu.', e.message);
  return new Problem(503, 'REGISTRY_UNAVAILABLE', 'Chưa kết nối được cơ sở dữ liệu quốc gia qua nền tảng của tỉnh. Vui lòng thử lại sau ít phút.');
}

/** The dossier an officer looks up for, with the purpose: refused (400/403/404) before anything is sent. */
export async function staffCase(db: Db, p: Principal, dossierId: string | undefined, purpose: string | undefined): Promise<{ row: DossierRow; purpose: Purpose }> {
  if (p.kind !== 'staff') {
    throw new Problem(403, 'REGISTRY_PERSON_ONLY', 'Chỉ cán bộ đăng nhập bằng tài khoản cá nhân mới được tra cứu cơ sở dữ liệu quốc gia (mỗi lần tra cứu ghi rõ người tra cứu).');
  }
  const pur = (purpose ?? '').normalize('NFC').trim();
  if (!isStaffPurpose(pur)) throw PURPOSE_REQUIRED();
  if (!dossierId) throw DOSSIER_REQUIRED();
  const row = UUID.test(dossierId) ? await loadDossier(db, p, dossierId) : undefined;
  if (!row) throw notFound('hồ sơ');
  return { row, purpose: pur };
}

const keys = (db: Db) => Promise.all([cachedSecret(db, 'registry-subject'), cachedSecret(db, 'registry-seal')]);

/** Calls a registry; a platform failure is returned (to be logged), anything else thrown. */
async function ask<R>(run: () => Promise<Answer<R>>): Promise<Answer<R> | LgspError> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof LgspError) return e;
    throw e;
  }
}

async function staffCaller(db: Db, p: Principal, row: DossierRow, purpose: Purpose): Promise<Caller> {
  return {
    requestId: crypto.randomUUID(), agencyCode: await agencyCodeOf(db, p.communeId, p.unitId),
    actor: `staff:${p.id}`, actorName: p.name, purpose, caseRef: row.code ?? row.reference,
  };
}

// ── The population database ─────────────────────────────────────────────────────────────────────────────────

export type PopulationResult =
  | { found: false; lookupId: number; requestId: string }
  | { found: true; lookupId: number; requestId: string; record: PopulationRecord; comparison: Line[]; seal: string; isApplicant: boolean };

/** An officer's lookup of a person by ID number, for a dossier, logged. */
export async function lookupPopulation(deps: Deps, p: Principal, v: { dossierId?: string; purpose?: string; idNumber?: string }): Promise<PopulationResult> {
  const { row, purpose } = await staffCase(deps.db, p, v.dossierId, v.purpose);
  const idNumber = (v.idNumber ?? '').replace(/\s+/g, '');
  if (!ID_NUMBER.test(idNumber)) throw new Problem(400, 'ID_NUMBER_INVALID', 'Số định danh cá nhân gồm đúng 12 chữ số.');
  const caller = await staffCaller(deps.db, p, row, purpose);
  const answer = await ask(() => registriesFor(deps.outside.registries).population.lookup({ idNumber }, caller));
  const [subjectKey, sealKey] = await keys(deps.db);
  const outcome: Outcome = answer instanceof LgspError ? 'failed' : answer.found ? 'found' : 'not_found';
  const lookupId = await insertLookup(deps.db, {
    at: deps.now(), commune_id: p.communeId, staff_id: p.id, citizen_id: null, registry: 'population', dossier_id: row.id, draft_id: null,
    purpose, subject_digest: subjectDigest(subjectKey, 'population', idNumber), subject_masked: maskId(idNumber),
    subject_name: !(answer instanceof LgspError) && answer.found ? answer.record.fullName : null, outcome, request_id: caller.requestId,
  });
  if (answer instanceof LgspError) throw lgspProblem(answer);
  if (!answer.found) return { found: false, lookupId, requestId: caller.requestId };
  const applicant = row.applicant as { name?: string; address?: string };
  const isApplicant = (await idNumberOf(deps.db, row.id)) === idNumber;
  return {
    found: true, lookupId, requestId: caller.requestId, record: answer.record, isApplicant,
    comparison: comparePerson({ name: isApplicant ? row.applicant_name : '', address: isApplicant ? applicant.address ?? '' : '' }, answer.record),
    seal: recordSeal(sealKey, lookupId, answer.record),
  };
}

// ── The civil-status database ───────────────────────────────────────────────────────────────────────────────

export interface VerifyResult {
  lookupId: number;
  requestId: string;
  match: boolean;
  /** The record, only when it matches (a record that does not match what the paper says is not shown). */
  record: CivilStatusRecord | null;
  /** What differs: 'not_found', or the fields of the paper that differ from the record. */
  mismatches: string[];
}

/** The paper's fields checked before anything is sent; the Vietnamese message of the first error. */
export function civilStatusQueryOf(b: Partial<Record<keyof CivilStatusQuery, string>>): CivilStatusQuery | string {
  const kind = b.kind === 'birth' || b.kind === 'marriage' ? b.kind : null;
  if (!kind) return 'Chọn loại giấy tờ hộ tịch: khai sinh hoặc kết hôn.';
  const q: CivilStatusQuery = {
    kind, number: tidy(b.number ?? ''), book: tidy(b.book ?? ''), name: tidy(b.name ?? ''), otherName: tidy(b.otherName ?? ''), date: (b.date ?? '').trim(),
  };
  if (!q.number || q.number.length > 30) return 'Nhập số đăng ký ghi trên giấy tờ (tối đa 30 ký tự).';
  if (q.book.length > 30) return 'Quyển số tối đa 30 ký tự.';
  if (!q.name || q.name.length > 200) return kind === 'birth' ? 'Nhập họ, chữ đệm, tên người được khai sinh.' : 'Nhập họ, chữ đệm, tên người chồng.';
  if (kind === 'marriage' && (!q.otherName || q.otherName.length > 200)) return 'Nhập họ, chữ đệm, tên người vợ.';
  const date = parseDate(q.date);
  if (!date) return kind === 'birth' ? 'Nhập ngày sinh, ví dụ 15/01/2026.' : 'Nhập ngày đăng ký kết hôn, ví dụ 08/06/2024.';
  return { ...q, date };
}

/** An officer's verification of a birth or marriage record for a dossier, logged. */
export async function verifyCivilStatus(
  deps: Deps, p: Principal, v: { dossierId?: string; purpose?: string; subject?: Partial<Record<keyof CivilStatusQuery, string>> },
): Promise<VerifyResult> {
  const { row, purpose } = await staffCase(deps.db, p, v.dossierId, v.purpose);
  const q = civilStatusQueryOf(v.subject ?? {});
  if (typeof q === 'string') throw new Problem(400, 'VERIFY_INVALID', q);
  const caller = await staffCaller(deps.db, p, row, purpose);
  const answer = await ask(() => registriesFor(deps.outside.registries).civilStatus.lookup(q, caller));
  const mismatches = answer instanceof LgspError ? [] : answer.found ? civilStatusMismatches(q, answer.record) : ['not_found'];
  const match = !(answer instanceof LgspError) && answer.found && mismatches.length === 0;
  const [subjectKey] = await keys(deps.db);
  const lookupId = await insertLookup(deps.db, {
    at: deps.now(), commune_id: p.communeId, staff_id: p.id, citizen_id: null, registry: 'civil_status', dossier_id: row.id, draft_id: null,
    purpose, subject_digest: subjectDigest(subjectKey, 'civil_status', `${q.kind}:${q.number.toUpperCase()}:${q.book.toUpperCase()}`),
    subject_masked: `${CIVIL_STATUS_KIND_LABEL[q.kind]} số ${q.number}${q.book ? `, quyển ${q.book}` : ''}`,
    subject_name: q.kind === 'birth' ? q.name : `${q.name} – ${q.otherName}`,
    outcome: answer instanceof LgspError ? 'failed' : match ? 'match' : 'no_match', request_id: caller.requestId,
  });
  if (answer instanceof LgspError) throw lgspProblem(answer);
  return { lookupId, requestId: caller.requestId, match, record: match && answer.found ? answer.record : null, mismatches };
}

export const registryName = (r: RegistryCode) => REGISTRY_INFO[r].name;

// ── The administrator's log ─────────────────────────────────────────────────────────────────────────────────

export const LOG_PAGE = 50;

/** One page of the commune's lookup log (admin), filtered by Vietnam-local days and officer; 400 on a bad filter. */
export async function lookupLogPage(db: Db, p: Principal, q: { from?: string; to?: string; staffId?: string; cursor?: string; limit?: number }) {
  const from = q.from ? vnDayStart(q.from) : undefined;
  const to = q.to ? vnDayStart(q.to, true) : undefined;
  if (from === null || to === null) throw new Problem(400, 'BAD_DATE', 'Ngày lọc không đúng, ví dụ 2026-07-01 hoặc 01/07/2026.');
  const staffId = q.staffId ? Number(q.staffId) : undefined;
  if (staffId !== undefined && !(Number.isSafeInteger(staffId) && staffId > 0)) throw new Problem(400, 'BAD_FILTER', 'Cán bộ lọc không đúng.');
  const after = q.cursor ? decodeLogCursor(q.cursor) : undefined;
  if (after === null) throw new Problem(400, 'BAD_CURSOR', 'Con trỏ trang không hợp lệ.');
  const limit = Math.min(Math.max(q.limit ?? LOG_PAGE, 1), 500);
  const rows = await lookupLog(db, { communeId: p.communeId, from, to, staffId, after, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: page, nextCursor: rows.length > limit && last ? encodeLogCursor(last.at, Number(last.id)) : null };
}
