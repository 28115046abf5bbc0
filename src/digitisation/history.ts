// The storage copy in the dossier's tamper-evident history: when the worker has made it, an `attach_file` entry by the
// system says which file (its sha256) it was made from and what it is (its sha256 and its name by the guide's rule),
// in the transaction that stores it (store.ts recordDone). A dossier row with no history at all (written by hand,
// outside the service) gets none: there is no chain to extend.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { act, reviveProjection } from '../dossiers/service.ts';
import { loadDossier } from '../dossiers/store.ts';
import { entryTime } from '../dossiers/uploads.ts';
import type { Actor } from '../dossiers/core/index.ts';
import { attachedName } from './store.ts';

/** The digitisation worker, as the history names it ("Hệ thống"). */
export const DIGITISER: Actor = { id: 'system:so-hoa', role: 'system', unitCode: null };

export interface MadeCopy {
  dossier_id: string;
  component_code: string;
  version: number;
  source_sha256: string;
  file_name: string;
}

export async function recordStorageCopy(trx: Kysely<Database>, job: MadeCopy, resultSha256: string, now: Date): Promise<void> {
  const dossier = await loadDossier(trx, null, job.dossier_id);
  if (!dossier || dossier.event_count === 0) return;
  const fileName = (await attachedName(trx, job.dossier_id, job.component_code, job.source_sha256)) ?? job.file_name;
  await act(trx, { actor: DIGITISER }, job.dossier_id, 'attach_file', {
    file: {
      component: job.component_code, fileName, sha256: job.source_sha256, version: job.version,
      storageCopy: { sha256: resultSha256, fileName: job.file_name },
    },
  }, entryTime(now, reviveProjection(dossier.projection)));
}
