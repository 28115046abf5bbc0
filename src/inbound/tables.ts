// Dossiers filed on the national portal (migration 042): filled by the inbound area.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InboundTables {}
