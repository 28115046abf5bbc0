// A write that rides on a dossier's own statement (dossiers/store.ts writeLogged: data-modifying CTEs, one round trip):
// the first facts row and the first sync message of a new dossier (issue 16, the lean intake). Each area's store
// gives its row; the foreign keys to the dossier are checked at the end of the statement, after its insert.
import type { Database } from './schema.ts';

export interface AlongsideWrite {
  table: keyof Database;
  /** The row's columns (plain values: the statement is compiled once per shape, db/compiled-once.ts). */
  values: Record<string, unknown>;
}
