// Kysely table types of this area, joined into Database (src/db/schema.ts). Owned by the identity helper (citizens, OIDC logins).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CitizenTables {}
