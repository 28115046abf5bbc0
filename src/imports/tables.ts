// Imports from an earlier system (migration 044): filled by the imports area.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ImportTables {}
