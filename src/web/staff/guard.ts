// The staff workspace's guard: a page of /can-bo/ is for a logged-in officer; anyone else is sent to the login page
// and comes back to where they were going after logging in.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../identity/core/principal.ts';

/** The staff member behind a page request, or a redirect to the login page (returns null then). */
export function staffOrLogin(req: FastifyRequest, reply: FastifyReply): Principal | null {
  if (req.principal?.kind === 'staff') return req.principal;
  void reply.redirect(`/can-bo/dang-nhap?next=${encodeURIComponent(req.url)}`, 303);
  return null;
}
