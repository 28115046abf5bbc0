// Kysely table types of this area, joined into Database (src/db/schema.ts). Owned by the staff-auth helper (TOTP, login audit).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface StaffAuthTables {}
