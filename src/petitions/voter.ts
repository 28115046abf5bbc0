// One like or dislike per browser on a published answer: the browser carries a random voter id in a cookie, and
// only its SHA-256 is stored. Used by the API (routes.ts) and the public answers page (src/web/portal).
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const VOTER_COOKIE = 'xaso_binh_chon';

/** The browser's voter id (a random cookie, set if missing), as stored: its SHA-256. */
export function voterHash(req: FastifyRequest, reply: FastifyReply): string {
  let v = req.cookies?.[VOTER_COOKIE];
  if (!v || !/^[A-Za-z0-9_-]{20,64}$/.test(v)) {
    v = crypto.randomBytes(18).toString('base64url');
    reply.setCookie(VOTER_COOKIE, v, { path: '/', httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https', maxAge: 365 * 86_400 });
  }
  return crypto.createHash('sha256').update(`petition-voter:${v}`).digest('hex');
}
