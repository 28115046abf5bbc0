// The national-portal sync (migration 041): filled by the sync area.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SyncTables {}
