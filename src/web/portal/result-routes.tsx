// GET /tra-cuu/ho-so/:id/ket-qua.pdf: the signed electronic result of a dossier, for the citizen it belongs to (their
// e-identity session, the rule of "Hồ sơ của tôi") or a browser that proved the lookup's second factor for it (the
// status page's proof); anyone else gets 404, as for a dossier that does not exist. Each download is in the
// dossier's access log (src/results/service.ts resultFileFor).
import type { App, Deps } from '../../http/deps.ts';
import { notFound } from '../../http/problem.ts';
import { isMyDossier } from '../../identity/citizens/accounts.ts';
import { resultFileFor } from '../../results/service.ts';
import { isUuid, page, str } from './common.ts';
import { currentCitizen } from './account-session.ts';
import { hasProof } from './proof.ts';

export async function resultRoutes(app: App, deps: Deps) {
  app.get('/tra-cuu/ho-so/:id/ket-qua.pdf', page, async (req, reply) => {
    const id = str((req.params as Record<string, unknown>).id);
    if (!isUuid(id)) throw notFound('hồ sơ');
    let actor: string | null = hasProof(req, id) ? 'citizen:lookup' : null;
    if (!actor) {
      const c = await currentCitizen(deps, req);
      if (c && (await isMyDossier(deps.db, c, id))) actor = `citizen:${c.id}`;
    }
    if (!actor) throw notFound('hồ sơ');
    const r = await resultFileFor(deps.db, id, actor);
    if (!r) throw notFound('kết quả điện tử của hồ sơ');
    reply.header('Content-Disposition', `attachment; filename="${r.fileName}"`);
    reply.header('Cache-Control', 'private, no-store');
    return reply.type('application/pdf').send(r.pdf);
  });
}
