// National databases through the provincial platform (migration 043): the lookup log (append-only) and the
// registries a dossier's data came from.
import type { Generated } from 'kysely';

export interface RegistryLookupsTable {
  id: Generated<number>;
  at: Date;
  commune_id: string;
  staff_id: number | null;
  citizen_id: number | null;
  registry: string;
  dossier_id: string | null;
  draft_id: string | null;
  purpose: string;
  subject_digest: string;
  subject_masked: string;
  subject_name: string | null;
  outcome: string;
  request_id: string;
}

export interface DossierRegistryUsesTable {
  dossier_id: string;
  registry: string;
  ma_csdl: string;
  lookup_id: number;
  used_at: Date;
}

export interface RegistryTables {
  registry_lookups: RegistryLookupsTable;
  dossier_registry_uses: DossierRegistryUsesTable;
}
