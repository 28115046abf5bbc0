// What a backup archive says about itself (archive.ts): the manifest at its start, each table's figures at the table's
// end, the trailer at the end.

export const FORMAT = 'xaso-backup';
export const FORMAT_VERSION = 1;

export interface TableSpec {
  name: string;
  /** The columns written, in order (generated columns excluded: the server computes them again). */
  columns: string[];
}

export interface Manifest {
  format: typeof FORMAT;
  formatVersion: number;
  createdAt: string;
  /** The highest migration applied; a restore runs the migrations up to it, then the newer ones run at the next start. */
  schemaVersion: number;
  migrations: { version: number; name: string; checksum: string }[];
  serverVersion: string;
  database: string;
  tables: TableSpec[];
  /** Sequences' values at the snapshot (`last_value` null: never used). */
  sequences: { name: string; lastValue: number | null }[];
  /** The public id of the chain key in use when the backup was taken (integrity/key-store.ts chainKeyId), or null. */
  chainKeyId: string | null;
  /** The file-vault key versions (vault-<n>.key) the stored files are sealed with: a restore needs those files. */
  vaultKeyVersions: number[];
}

export interface TableFigures {
  table: string;
  rows: number;
  bytes: number;
  sha256: string;
}

export interface Trailer {
  manifestSha256: string;
  tables: TableFigures[];
  rows: number;
  bytes: number;
}

