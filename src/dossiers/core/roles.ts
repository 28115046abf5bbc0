// Who may act on a dossier. Roles are coarse; the unit check (NOT_AT_YOUR_UNIT) narrows the unit-level ones.

export const ROLES = {
  citizen: 'Công dân',
  receiving_officer: 'Cán bộ một cửa',
  specialist: 'Chuyên viên',
  unit_head: 'Trưởng phòng, đơn vị',
  leader: 'Lãnh đạo Ủy ban nhân dân',
  cchc_coordinator: 'Cán bộ đầu mối cải cách hành chính',
  admin: 'Quản trị hệ thống',
  province_admin: 'Quản trị cấp tỉnh', // shared data (catalogue, province calendar): no dossier action
  province_viewer: 'Theo dõi, chỉ đạo cấp tỉnh', // the province's figures: no dossier action
  system: 'Hệ thống',
} as const satisfies Record<string, string>;

export type Role = keyof typeof ROLES;

/**
 * Roles whose authority ends at their own unit: on a unit-level action (`unitScoped` in the action table) they may
 * act only on a dossier currently at their unit. Leaders, the one-stop desk, the CCHC coordinator and the system
 * act commune-wide.
 */
export const UNIT_SCOPED_ROLES: readonly Role[] = ['specialist', 'unit_head'];

/** The person or process issuing a command. `unitCode` is null for citizens and the system. */
export interface Actor {
  readonly id: string;
  readonly role: Role;
  readonly unitCode: string | null;
  /** Other ids the same person was recorded under before (a citizen's unkeyed reference in dossiers filed before
   *  the keyed one, dossiers/service.ts legacyApplicantRef): recognised as theirs, never written again. */
  readonly formerIds?: readonly string[];
}

/** Whether the actor is the one an id names (their id, or one they were recorded under before). */
export const isActor = (actor: Actor, id: string | null): boolean =>
  id !== null && (actor.id === id || (actor.formerIds ?? []).includes(id));

export function roleName(role: string): string {
  return Object.hasOwn(ROLES, role) ? ROLES[role as Role] : role;
}
