// The kinds of access a route is classified by (see table.ts for what each means).
import type { StaffRole } from '../../../src/identity/core/principal.ts';

export type Access =
  | { kind: 'public' | 'citizen' | 'staff' | 'province' | 'system' | 'auth' | 'redirect' }
  | { kind: 'roles'; roles: StaffRole[]; personOnly?: boolean }
  | { kind: 'people'; people: string[] };

export const PUBLIC: Access = { kind: 'public' };
export const CITIZEN: Access = { kind: 'citizen' };
export const STAFF: Access = { kind: 'staff' };
export const PROVINCE: Access = { kind: 'province' };
export const SYSTEM: Access = { kind: 'system' };
export const AUTH: Access = { kind: 'auth' };
export const REDIRECT: Access = { kind: 'redirect' };
export const roles = (...r: StaffRole[]): Access => ({ kind: 'roles', roles: r });
export const people = (...p: string[]): Access => ({ kind: 'people', people: p });

/** Roles held by a person logged in: a system's API key with the same roles is refused (403). */
export const personRoles = (...r: StaffRole[]): Access => ({ kind: 'roles', roles: r, personOnly: true });
