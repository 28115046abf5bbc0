// The rules of the matrix: what one answer of one route to one caller may be, written once. Each returns the
// violations it finds (empty: the answer is allowed), so that the test lists every broken case at once.
import type { Access } from './access.ts';
import { A, B, type Caller, type World } from './fixtures.ts';
import { FOLLOWER_ROUTES, RECEIVING_RECORDS } from './table.ts';

export interface Answer {
  status: number;
  location: string;
  /** The body with the request's own URL taken out (a 404 problem names the URL it was asked for). */
  body: string;
}

export interface Case {
  key: string;
  access: Access;
  /** The URL names one of commune A's objects (a fixture), not only a literal or nothing. */
  object: boolean;
  caller: Caller;
}

const ok = (s: number) => s >= 200 && s < 300;
const isPage = (key: string) => !/^[A-Z]+ \/(api\/|openapi\.json|health)/.test(key);
const WHOLE_COMMUNE = ['receiving_officer', 'leader', 'cchc_coordinator', 'admin'];
const PROVINCE_ROLES = ['province_admin', 'province_viewer'];
export const seesWholeCommune = (c: Caller) => c.roles.some((r) => WHOLE_COMMUNE.includes(r));
const isProvince = (c: Caller) => c.roles.some((r) => PROVINCE_ROLES.includes(r));

/** Who is sent away from a route they may not call at all: 401 (API), 303 to a login page (pages). */
function sentAway(key: string, a: Answer, login: RegExp): string | null {
  if (isPage(key)) return a.status === 303 && login.test(a.location) ? null : `expected the login page, got ${a.status} ${a.location}`;
  return a.status === 401 ? null : `expected 401, got ${a.status}`;
}

/** The status rules: login, roles, province, another commune's object. */
export function statusRule(c: Case, a: Answer): string | null {
  const { access, caller, key, object } = c;
  const staff = caller.commune !== null;
  if (['public', 'system', 'auth', 'redirect'].includes(access.kind)) return null;
  if (access.kind === 'citizen') {
    if (caller.citizen) return null;
    return ok(a.status) ? `a citizen's route answered ${a.status} to ${caller.name}` : null;
  }
  // Staff routes from here; a system's API key has no page.
  if (!staff || (caller.apiKey && isPage(key))) return sentAway(key, a, /^\/can-bo\/dang-nhap/);
  const foreign = object && caller.commune !== A;
  if (access.kind === 'province') {
    if (!isProvince(caller)) return a.status === 403 ? null : `not a province role: expected 403, got ${a.status}`;
    if (foreign && caller.commune !== B) return a.status === 404 ? null : `a commune of another province: expected 404, got ${a.status}`;
    return null;
  }
  if (foreign) return a.status === 403 || a.status === 404 ? null : `commune A's object: expected 404 (or 403), got ${a.status}`;
  let allowed: boolean | null = null;
  if (access.kind === 'roles') allowed = caller.roles.some((r) => (access.roles as string[]).includes(r)) && !(access.personOnly && caller.apiKey);
  if (access.kind === 'people' && caller.commune === A) allowed = access.people.includes(caller.name);
  if (allowed === false) {
    const accepted = object ? [403, 404] : [403];
    return accepted.includes(a.status) ? null : `outside the route's ${access.kind}: expected ${accepted.join(' or ')}, got ${a.status}`;
  }
  if (allowed === true && (a.status === 401 || a.status === 403)) return `within the route's ${access.kind}: refused ${a.status}`;
  return null;
}

/** The leak rules: which of commune A's strings the caller's answer may hold. */
export function leakRule(c: Case, a: Answer, w: World): string[] {
  const { caller, key, access } = c;
  const found: string[] = [];
  const has = (m: string) => a.body.includes(m);
  const inA = caller.commune === A;
  // Applicants' names and ID numbers, internal notes: commune A's own staff only, never the province's roles.
  if (!inA || isProvince(caller)) {
    for (const m of w.privateMarkers) if (has(m)) found.push(`private data of commune A: "${m}"`);
  }
  // Ids and codes of A's dossiers and objects: never in another commune's staff answers (public pages show the
  // portal commune's, which is A, to everybody).
  if (caller.commune !== null && !inA && access.kind !== 'public') {
    const followed = new Set(FOLLOWER_ROUTES.includes(key) || RECEIVING_RECORDS.includes(key) ? (w.followedBy[caller.commune] ?? []) : []);
    for (const m of w.idMarkers) if (has(m) && !followed.has(m)) found.push(`id of commune A: ${m}`);
  }
  // The dossier A received and transferred to B: B's notes never leave B; the dossier itself is seen by A's
  // whole-commune staff only through the follower routes and A's own records.
  if (caller.commune !== B && has(w.transfer.proposal)) found.push('the competent commune\'s internal proposal');
  if (caller.commune !== B) {
    const followerMay = inA && seesWholeCommune(caller) && !isProvince(caller) && (FOLLOWER_ROUTES.includes(key) || RECEIVING_RECORDS.includes(key));
    if (!followerMay) for (const m of [w.transfer.id, w.transfer.code, w.transfer.name]) if (has(m)) found.push(`the transferred dossier: ${m}`);
  }
  return found;
}
