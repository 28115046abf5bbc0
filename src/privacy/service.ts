// The citizen's personal-data rights: what the commune holds about them (grouped, with each kind's retention), their
// requests (correction, deletion, restriction…) and the staff's answers, with the 2-working-day clock
// (core/request.ts). The correction itself of dossier data goes through the dossier workflows; a request records
// the answer. Every read is scoped in SQL to the one citizen (store.ts) or to the staff member's commune.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { workCalendarFor } from '../calendar/store.ts';
import { Problem, notFound } from '../http/problem.ts';
import type { Principal } from '../identity/core/principal.ts';
import { ANSWER_ROLES, decide, dueAt, type RequestAction, type RequestKind } from './core/request.ts';
import { retentionAt, type RecordKind } from './core/retention.ts';
import { vnDate } from '../calendar/core/vn-time.ts';
import {
  accessHeld, appendEvent, citizenRow, draftsHeld, dossiersHeld, eventsOf, insertRequest, paymentsHeld, petitionsHeld, ratingsHeld,
  requestOfCommune, requestsOfCitizen, requestsOfCommune, setAnswer, storeItemOfRequest,
} from './store.ts';
import { setItemStatus } from '../datastore/store.ts';

type Db = Kysely<Database>;
export interface CitizenRef { id: number; idNumber: string; name: string }

/** An ID number as shown to its owner: only the last 4 digits. */
export const maskId = (id: string | null | undefined) => (id ? `••••••••${id.slice(-4)}` : null);

export const mayAnswerRequests = (p: Principal) => p.kind === 'staff' && p.roles.some((r) => (ANSWER_ROLES as readonly string[]).includes(r));

const problemOf = (d: { httpStatus: number; code: string; title: string }) => new Problem(d.httpStatus, d.code, d.title);

// ── What is held ──────────────────────────────────────────────────────────────────────────────────────────

/** Everything the commune holds about the citizen, grouped, ID numbers masked, with the retention rules in force. */
export async function heldData(db: Db, c: CitizenRef, now: Date) {
  const [account, dossiers, drafts, payments, ratings, petitions, access, requests] = await Promise.all([
    citizenRow(db, c.id), dossiersHeld(db, c), draftsHeld(db, c.id), paymentsHeld(db, c), ratingsHeld(db, c),
    petitionsHeld(db, c), accessHeld(db, c), requestsOfCitizen(db, c.id),
  ]);
  const retention = retentionAt(vnDate(now)).rules;
  const keep = (k: RecordKind) => retention.find((r) => r.kind === k)!.period;
  return {
    account: account && {
      name: account.full_name, idNumber: maskId(account.id_number), birthDate: account.birth_date,
      assuranceLevel: account.assurance_level, firstLoginAt: account.first_login_at, lastLoginAt: account.last_login_at,
      retention: keep('citizen_accounts'),
    },
    dossiers: dossiers.map((d) => {
      const a = (d.applicant ?? {}) as { address?: string; phone?: string; email?: string };
      return {
        code: d.code, reference: d.reference, procedure: d.procedure_name, state: d.state, channel: d.channel,
        submittedAt: d.submitted_at, receivedAt: d.received_at, finishedAt: d.finished_at,
        asApplicant: d.is_applicant,
        applicant: d.is_applicant ? { name: d.applicant_name, idNumber: maskId(c.idNumber), address: a.address ?? null, phone: a.phone ?? null, email: a.email ?? null } : null,
        filedOnBehalf: !d.is_applicant && d.on_behalf === true,
      };
    }),
    drafts: drafts.map((d) => ({ procedureCode: d.procedure_code, createdAt: d.created_at, updatedAt: d.updated_at })),
    payments: payments.map((p) => ({
      dossier: p.code ?? p.reference, purpose: p.purpose, method: p.method, amountVnd: Number(p.amount_vnd), createdAt: p.created_at, status: p.last_entry,
    })),
    ratings: ratings.map((r) => ({ dossier: r.code ?? r.reference, overall: r.overall, comment: r.comment, channel: r.channel, at: r.created_at })),
    petitions: petitions.map((p) => ({
      reference: p.reference, content: p.content, name: p.petitioner_name, contact: p.petitioner_contact, receivedAt: p.received_at, answeredAt: p.answered_at,
    })),
    access: access.map((a) => ({
      at: a.at, action: a.action, dossier: a.code ?? a.reference,
      who: a.staff_name ? { name: a.staff_name, title: a.staff_title, roles: a.staff_roles }
        : { system: a.actor.startsWith('api_key:') ? 'api_key' : a.actor === 'public' ? 'public' : a.actor === `citizen:${c.id}` ? 'you' : 'other' },
    })),
    requests,
    retention,
  };
}
export type HeldData = Awaited<ReturnType<typeof heldData>>;

// ── Requests ──────────────────────────────────────────────────────────────────────────────────────────────

export interface RequestInput {
  kind: RequestKind; item?: string; wrongValue?: string; rightValue?: string; detail?: string;
  /** The item of the citizen's data store the request is about (its owner checked by the caller, datastore/service.ts). */
  storeItemId?: number;
}

/** A citizen's request to the commune, received now; due 2 working days later on the commune's calendar. */
export async function submitRequest(trx: Db, communeId: string, c: CitizenRef, input: RequestInput, now: Date) {
  const d = decide(null, 'submit', { kind: 'citizen', roles: [] });
  if (!d.ok) throw problemOf(d);
  const cal = await workCalendarFor(trx, communeId);
  const due = dueAt(now, cal);
  const clip = (s: string | undefined, max: number) => (s?.trim() ? s.trim().slice(0, max) : null);
  const id = await insertRequest(trx, {
    communeId, citizenId: c.id, kind: input.kind, item: clip(input.item, 200), wrongValue: clip(input.wrongValue, 1000),
    rightValue: clip(input.rightValue, 1000), detail: clip(input.detail, 4000), receivedAt: now, dueAt: due, storeItemId: input.storeItemId ?? null,
  });
  await appendEvent(trx, { requestId: id, at: now, action: 'submit', toStatus: d.to, actorKind: 'citizen', actorId: c.id, actorName: c.name, text: null });
  return { id, receivedAt: now.toISOString(), dueAt: due.toISOString() };
}

/** Staff answer a request of their commune: done (what was done) or refused (why). The history keeps every step. */
export async function answerRequest(trx: Db, p: Principal, id: string, action: Exclude<RequestAction, 'submit'>, answer: string, now: Date) {
  const r = await requestOfCommune(trx, p.communeId, id, true);
  if (!r) throw notFound('yêu cầu');
  const d = decide(r.status, action, { kind: p.kind === 'staff' ? 'staff' : 'citizen', roles: p.roles }, { answer });
  if (!d.ok) throw problemOf(d);
  const text = answer.trim().slice(0, 4000);
  if (!(await setAnswer(trx, id, { status: d.to, at: now, answer: text, staffId: p.id }))) {
    throw new Problem(409, 'PRIVACY_REQUEST_ANSWERED', 'Yêu cầu này đã được trả lời.');
  }
  await appendEvent(trx, { requestId: id, at: now, action, toStatus: d.to, actorKind: 'staff', actorId: p.id, actorName: p.name, text });
  // A deletion done of a paper in the citizen's store: the item leaves the store in this transaction (never a legal
  // record: the citizen cannot ask for one, datastore/core/shares.ts mayAskChange; the file stays in the dossier).
  if (action === 'complete' && r.kind === 'deletion' && r.store_item_id !== null) {
    const item = await storeItemOfRequest(trx, p.communeId, r.store_item_id, true);
    if (item && !item.legal_record) await setItemStatus(trx, item.id, 'deleted', `Xóa theo yêu cầu của chủ sở hữu: ${text}`.slice(0, 1000), now);
  }
  return { id, status: d.to, answeredAt: now.toISOString() };
}

/** The requests of the staff member's commune (403 for roles that do not answer them). */
export async function requestsForStaff(db: Db, p: Principal) {
  if (!mayAnswerRequests(p)) throw new Problem(403, 'FORBIDDEN', 'Chỉ lãnh đạo UBND xã hoặc quản trị hệ thống được xem yêu cầu về dữ liệu cá nhân.');
  return requestsOfCommune(db, p.communeId);
}

/** One request of the staff member's commune with its history (404 for another commune's). */
export async function requestForStaff(db: Db, p: Principal, id: string) {
  if (!mayAnswerRequests(p)) throw new Problem(403, 'FORBIDDEN', 'Chỉ lãnh đạo UBND xã hoặc quản trị hệ thống được xem yêu cầu về dữ liệu cá nhân.');
  const r = await requestOfCommune(db, p.communeId, id);
  if (!r) throw notFound('yêu cầu');
  const [events, storeItem] = await Promise.all([eventsOf(db, id), r.store_item_id === null ? undefined : storeItemOfRequest(db, p.communeId, r.store_item_id)]);
  return { request: r, events, storeItem: storeItem ?? null };
}
