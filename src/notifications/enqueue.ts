// Writing the notices of a dossier change into the outbox, in the change's transaction (called by
// dossiers/after-change.ts after every logged action): a rolled-back action leaves no notice, a committed one
// always has its notices. One row per channel: e-mail if the applicant gave an e-mail address, SMS if a phone.
// The worker (worker.ts) delivers them later.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { DossierChange } from '../dossiers/store.ts';
import { noticeFacts, noticeKind, type NoticeNames } from './core/messages.ts';
import { insertNotices, noticeNamesRow } from './outbox-store.ts';
import type { NoticeChannel } from './tables.ts';

/** The applicant's addresses, from the dossier's applicant JSON ({ phone, email, … }). */
export function recipientsOf(applicant: unknown): { channel: NoticeChannel; recipient: string }[] {
  const a = (applicant && typeof applicant === 'object' ? applicant : {}) as Record<string, unknown>;
  const out: { channel: NoticeChannel; recipient: string }[] = [];
  if (typeof a.email === 'string' && a.email.includes('@')) out.push({ channel: 'email', recipient: a.email.trim() });
  if (typeof a.phone === 'string' && /\d{6,}/.test(a.phone.replace(/[ .-]/g, ''))) out.push({ channel: 'sms', recipient: a.phone.replace(/[ .-]/g, '') });
  return out;
}

/** Names the notice shows (NĐ 224/2026 Đ15 k1 g: agency, officer): one query. */
async function namesFor(trx: Kysely<Database>, change: DossierChange): Promise<NoticeNames> {
  const { row, event } = change;
  const staffId = /^\d+$/.test(event.actor_id) && !['citizen', 'system'].includes(event.actor_role) ? Number(event.actor_id) : -1;
  const r = await noticeNamesRow(trx, { communeId: row.commune_id, currentUnitId: row.current_unit_id, actorUnit: event.actor_unit, staffId });
  return {
    procedureName: change.procedure.name,
    communeName: r.communeName,
    handlingUnit: r.currentUnit,
    officer: r.officerName ? { name: r.officerName, title: r.officerTitle || null, unit: r.actorUnit } : null,
  };
}

export async function enqueueNotices(trx: Kysely<Database>, change: DossierChange): Promise<void> {
  const { row, event } = change;
  const kind = noticeKind(event.action, event.from_state, event.to_state);
  if (!kind) return;
  const to = recipientsOf(row.applicant);
  if (!to.length) return;
  const facts = JSON.stringify(noticeFacts(row, event, await namesFor(trx, change)));
  await insertNotices(trx, to.map((r) => ({
    dossier_id: row.id, commune_id: row.commune_id, event_seq: event.seq, kind, channel: r.channel, recipient: r.recipient,
    facts, next_attempt_at: event.at, created_at: event.at,
  })));
}
