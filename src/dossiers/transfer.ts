// Location-independent receipt in the dossier service (phi địa giới; NĐ 118/2025, domain.md §2.2; rules in
// core/transfer.ts): what `act()` adds when a step crosses two communes. The transfer moves the dossier to the
// competent commune's one-stop desk (its `commune_id`, so that commune's staff process it and its figures count it);
// the paper that travels is recorded by name in dossier_paper_transfers, in the same transaction as the history entry.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { Problem } from '../http/problem.ts';
import type { Principal } from '../identity/core/principal.ts';
import { communeUnits, type CommuneUnits } from '../org/store.ts';
import {
  communeSideCheck, dossierError, papersDirectionNow, type ActionEvent, type ActionType, type DossierProjection, type PayloadInput,
} from './core/index.ts';
import { competentCommune, recordPapersReceived, recordPapersSent } from './transfer-store.ts';
import type { DossierRow } from './store.ts';

type Db = Kysely<Database>;

const problem = (e: ReturnType<typeof dossierError>) => new Problem(e.status, e.code, e.message);

/** What a cross-commune step changes in how the service writes the outcome. */
export interface CrossCommune {
  /** The payload as the core must see it (the competent commune's desk named). */
  payload: PayloadInput;
  /** After a transfer: the commune the dossier moves to, its units (to place the dossier at its desk) and the
   *  competent authority as the dossier now names it. */
  moveTo?: { communeId: string; units: CommuneUnits; competentAuthority: string };
}

/**
 * Before `decide`: the caller's commune may take the step (403/404 otherwise), and a transfer names an existing
 * commune of the same province (422) with a one-stop desk, whose code the core's hand-over needs.
 */
export async function crossCommune(
  trx: Db, principal: Principal | null, row: DossierRow, projection: DossierProjection, type: ActionType, payload: PayloadInput, authority: string,
): Promise<CrossCommune> {
  if (principal) {
    const sides = { holding: row.commune_id, receiving: row.receiving_commune_id, caller: principal.communeId };
    const denied = communeSideCheck(projection, type, sides);
    if (denied) throw problem(denied);
  }
  if (type !== 'transfer_to_competent' || typeof payload.communeId !== 'string') return { payload };
  if (payload.communeId === row.commune_id) throw problem(dossierError('TRANSFER_TO_OWN_COMMUNE', { field: 'communeId' }));
  const target = await competentCommune(trx, row.commune_id, payload.communeId);
  if (!target) throw new Problem(422, 'UNKNOWN_COMMUNE', `Không có xã mã "${payload.communeId}" trong tỉnh.`);
  if (!target.desk_code) throw new Problem(422, 'COMMUNE_WITHOUT_DESK', `${target.name} chưa có Bộ phận Một cửa tiếp nhận hồ sơ.`);
  return {
    payload: { ...payload, unitCode: target.desk_code },
    moveTo: { communeId: target.id, units: await communeUnits(trx, target.id), competentAuthority: `${authority} (${target.name})` },
  };
}

/** After the entry is written: the paper sent or received, by whom (a staff member: the desks). */
export async function recordPapers(trx: Db, principal: Principal | null, row: DossierRow, before: DossierProjection, event: ActionEvent): Promise<void> {
  if (event.type !== 'send_papers' && event.type !== 'receive_papers') return;
  if (!principal || principal.kind !== 'staff') throw new Problem(403, 'STAFF_ONLY', 'Chỉ cán bộ một cửa ghi nhận việc gửi, nhận hồ sơ giấy.');
  if (event.type === 'receive_papers') return recordPapersReceived(trx, row.id, event.at, principal.id);
  const direction = papersDirectionNow(before);
  const [from, to] = direction === 'to_competent' ? [row.receiving_commune_id, row.commune_id] : [row.commune_id, row.receiving_commune_id];
  await recordPapersSent(trx, {
    dossierId: row.id, direction, fromCommuneId: from, toCommuneId: to,
    papers: String(event.payload.papers), carrier: String(event.payload.carrier), at: event.at, staffId: principal.id,
  });
}
