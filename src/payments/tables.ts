// Kysely table types of this area, joined into Database (src/db/schema.ts). Owned by the payments helper.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PaymentTables {}
