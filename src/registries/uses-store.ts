// The national databases a dossier's data came from, as the sync fills `DSKetNoiCSDL[].MaCSDL` (domain.md §3.4,
// 766 spec 4.5). The sync area reads this; the codes are data (core/registry.ts REGISTRY_INFO), kept with each use,
// so a code changed later does not rewrite what a dossier already sent.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { REGISTRIES } from './core/registry.ts';

const rank = (r: string) => {
  const i = (REGISTRIES as readonly string[]).indexOf(r);
  return i < 0 ? REGISTRIES.length : i;
};

/** The national databases a dossier's data came from (DSKetNoiCSDL[].MaCSDL codes), in a stable order. */
export async function registryCodesOf(db: Kysely<Database>, dossierId: string): Promise<string[]> {
  const rows = await db.selectFrom('dossier_registry_uses').select(['registry', 'ma_csdl']).where('dossier_id', '=', dossierId).execute();
  return rows.sort((a, b) => rank(a.registry) - rank(b.registry)).map((r) => r.ma_csdl);
}
