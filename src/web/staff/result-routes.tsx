// The staff's preview of a dossier's draft result (GET /can-bo/ho-so/:id/du-thao-ket-qua.pdf): generated on the fly
// by resultPdfFor, for the staff of the handling unit and the commune's leaders (src/results/service.ts).
import type { App, Deps } from '../../http/deps.ts';
import { notFound } from '../../http/problem.ts';
import { previewResult } from '../../results/service.ts';
import { staffOrLogin } from './guard.ts';
import { UUID } from './common.tsx';

export async function resultPages(app: App, deps: Deps) {
  app.get<{ Params: { id: string } }>('/can-bo/ho-so/:id/du-thao-ket-qua.pdf', async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    if (!UUID.test(req.params.id)) throw notFound('hồ sơ');
    const r = await previewResult(deps.db, p, req.params.id, deps.now());
    reply.header('Content-Disposition', `inline; filename="${r.fileName}"`);
    reply.header('Cache-Control', 'no-store');
    return reply.type('application/pdf').send(r.pdf);
  });
}
