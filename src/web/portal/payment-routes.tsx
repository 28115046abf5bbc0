// Citizen payment pages: /tra-cuu/ho-so/:id/thanh-toan (what is owed, "Thanh toán trực tuyến"), the gateway's
// return URL /thanh-toan/ket-qua (shows the result; only the gateway's IPN settles), and the e-receipt PDF. The
// dossier is reached only with the second factor already proven (proof.ts), like the status page.
import type { App, Deps } from '../../http/deps.ts';
import { Problem } from '../../http/problem.ts';
import { RETURN_PATH } from '../../outside/payment.ts';
import { dueFor, readReturn, startOnlinePayment } from '../../payments/service.ts';
import { receiptPdf } from '../../payments/receipt.ts';
import { settledPayments } from '../../dossiers/public-store.ts';
import { csrfToken, sendPage } from '../render.tsx';
import { page, str } from './common.ts';
import { provenDossier } from './lookup.ts';
import { GoToGatewayPage, PaymentPage, ReturnPage } from './payment-pages.tsx';

export async function paymentPages(app: App, deps: Deps) {
  app.get('/tra-cuu/ho-so/:id/thanh-toan', page, async (req, reply) => {
    const d = await provenDossier(deps.db, req, reply, '/tra-cuu');
    if (!d) return reply;
    const { due } = await dueFor(deps.db, d.id, {}, deps.now());
    return sendPage(reply, <PaymentPage d={d} due={due} paid={await settledPayments(deps.db, d.id)} csrf={csrfToken(reply)} />);
  });

  app.post('/tra-cuu/ho-so/:id/thanh-toan', page, async (req, reply) => {
    const d = await provenDossier(deps.db, req, reply, '/tra-cuu');
    if (!d) return reply;
    try {
      const r = await startOnlinePayment(deps, d.id, req.ip, 'citizen');
      return sendPage(reply, <GoToGatewayPage d={d} amountVnd={r.amountVnd} url={r.paymentUrl} expiresAt={r.expiresAt} />);
    } catch (e) {
      if (!(e instanceof Problem) || e.status >= 500) throw e;
      const { due } = await dueFor(deps.db, d.id, {}, deps.now());
      return sendPage(reply, <PaymentPage d={d} due={due} paid={await settledPayments(deps.db, d.id)} csrf={csrfToken(reply)} errors={[{ field: 'thanh_toan', message: e.title }]} />, e.status);
    }
  });

  app.get('/tra-cuu/ho-so/:id/thanh-toan/bien-lai/:ref', page, async (req, reply) => {
    const d = await provenDossier(deps.db, req, reply, '/tra-cuu');
    if (!d) return reply;
    const ref = str((req.params as Record<string, unknown>).ref);
    if (!/^[A-Z0-9]{8,34}$/.test(ref)) throw new Problem(404, 'NOT_FOUND', 'Không tìm thấy biên lai.');
    const r = await receiptPdf(deps.db, d.id, ref, deps.now());
    reply.header('Content-Disposition', `inline; filename="${r.fileName}"`);
    return reply.type('application/pdf').send(r.pdf);
  });

  app.get(RETURN_PATH, page, async (req, reply) => {
    const v = await readReturn(deps, req.query);
    return sendPage(reply, <ReturnPage v={v} />, v.valid ? 200 : 400);
  });
}
