// National databases through the provincial platform (migration 043): filled by the registries area.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RegistryTables {}
