// The second factor, remembered for a short while: once a citizen has given a dossier's code and the last 4
// digits of the applicant's ID number, a signed HttpOnly cookie lets them see and act on that dossier for 30
// minutes without typing them again (status page, supplement upload, withdrawal, rating). Decision: a signed
// cookie rather than re-asking on every form, with a key kept in the database (src/shared/secrets-store.ts, loaded when
// the portal's routes are registered) so that all server processes and a restarted one accept it. Wrong guesses lock the reference for a while
// (src/shared/attempts-store.ts, LOOKUP_POLICY), so that 4 digits are not brute-forced.
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { setCookie } from './common.ts';

export const PROOF_COOKIE = 'xaso_tra_cuu';
const COOKIE = PROOF_COOKIE;
const TTL_MS = 30 * 60_000;
const MAX_GRANTS = 5;
let KEY: Buffer | null = null;

/** The signing key; set once at start-up by portalRoutes. */
export function useProofKey(key: Buffer) {
  KEY = key;
}

type Grant = [id: string, expiresAt: number];

function sign(payload: string) {
  if (!KEY) throw new Error('portal proof key not loaded (portalRoutes sets it)');
  return crypto.createHmac('sha256', KEY).update(payload).digest('base64url');
}

function grants(req: FastifyRequest): Grant[] {
  const raw = req.cookies?.[COOKIE];
  if (!raw) return [];
  const [payload, mac] = raw.split('.');
  if (!payload || !mac) return [];
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return [];
  try {
    const list = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(list)) return [];
    const now = Date.now();
    return list.filter((g): g is Grant => Array.isArray(g) && typeof g[0] === 'string' && typeof g[1] === 'number' && g[1] > now);
  } catch {
    return [];
  }
}

export const hasProof = (req: FastifyRequest, dossierId: string) => grants(req).some((g) => g[0] === dossierId);

export function addProof(req: FastifyRequest, reply: FastifyReply, dossierId: string) {
  const fresh: Grant = [dossierId, Date.now() + TTL_MS];
  const list: Grant[] = [fresh, ...grants(req).filter((g) => g[0] !== dossierId)].slice(0, MAX_GRANTS);
  const payload = Buffer.from(JSON.stringify(list)).toString('base64url');
  setCookie(req, reply, COOKIE, `${payload}.${sign(payload)}`, TTL_MS / 1000);
}
