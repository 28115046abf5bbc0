// Citizen e-identity login and "Hồ sơ của tôi":
//   GET  /dang-nhap/vneid?tiep=         → the issuer (authorization code + PKCE, state, nonce; src/identity/citizens/oidc.ts)
//   GET  /dang-nhap/vneid/callback      ← the issuer; the ID token verified, the citizen's session opened
//   POST /dang-xuat/vneid               logout
//   GET  /ho-so-cua-toi                 the citizen's dossiers (by the ID number of the ID token) and open drafts
//   GET  /ho-so-cua-toi/ho-so/:id       one of them: its status page (/tra-cuu/ho-so/:id) without re-typing the code
//   POST /ho-so-cua-toi/ho-so-nhap/:id  continue one of their drafts in this browser
import type { App, Deps } from '../../http/deps.ts';
import { notFound } from '../../http/problem.ts';
import {
  CITIZEN_COOKIE, CITIZEN_SESSION_HOURS, LOGIN_COOKIE, LOGIN_MINUTES, adoptDraft, endCitizenSession, isMyDossier, linkDrafts,
  myDossiers, myDrafts, newCitizenToken, savePendingLogin, startCitizenSession, takePendingLogin,
} from '../../identity/citizens/accounts.ts';
import { LoginError, beginLogin, finishLogin } from '../../identity/citizens/oidc.ts';
import { signedResults } from '../../results/service.ts';
import { CALLBACK_PATH } from '../../outside/identity.ts';
import { csrfToken, sendPage } from '../render.tsx';
import { ACCOUNT_PATH, AccountPage, LOGIN_PATH, LoggedOutPage, LoginFailedPage } from './account-pages.tsx';
import { currentCitizen } from './account-session.ts';
import { isUuid, page, queryOf, setCookie, str } from './common.ts';
import { DRAFT_COOKIE, draftOwner, ensureDraftOwner, openDrafts } from './drafts.ts';
import { PROOF_COOKIE, addProof } from './proof.ts';

/** Where to go after login: a local path only (no open redirect). */
const safeNext = (v: string) => (/^\/(?![/\\])[\w\-./?=&%~]{0,300}$/.test(v) ? v : ACCOUNT_PATH);

export async function accountPages(app: App, deps: Deps) {
  app.get(LOGIN_PATH, page, async (req, reply) => {
    let started;
    try {
      started = await beginLogin(deps.outside.identity);
    } catch (e) {
      if (!(e instanceof LoginError)) throw e;
      req.log.warn({ failure: e.failure, reason: e.reason }, 'e-identity login could not start');
      return sendPage(reply, <LoginFailedPage kind="issuer_unreachable" />, 503);
    }
    const browser = newCitizenToken();
    await savePendingLogin(deps.db, browser, started.pending, safeNext(str(queryOf(req).tiep)), deps.now());
    setCookie(req, reply, LOGIN_COOKIE, browser, LOGIN_MINUTES * 60);
    return reply.redirect(started.url, 303);
  });

  app.get(CALLBACK_PATH, page, async (req, reply) => {
    const pending = await takePendingLogin(deps.db, req.cookies?.[LOGIN_COOKIE], deps.now());
    reply.clearCookie(LOGIN_COOKIE, { path: '/' });
    if (!pending) {
      req.log.warn({ failure: 'no_pending_login' }, 'e-identity login failed');
      return sendPage(reply, <LoginFailedPage kind="expired" />, 400);
    }
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
    let who;
    try {
      who = await finishLogin(deps.outside.identity, pending, query);
    } catch (e) {
      if (!(e instanceof LoginError)) throw e;
      req.log.warn({ failure: e.failure, reason: e.reason }, 'e-identity login failed');
      return sendPage(reply, <LoginFailedPage kind={e.failure} />, e.failure === 'issuer_unreachable' ? 503 : 400);
    }
    const previous = req.cookies?.[CITIZEN_COOKIE];
    if (previous) await endCitizenSession(deps.db, previous); // a fresh session on every login
    const s = await startCitizenSession(deps.db, who, deps.now());
    // The drafts this browser had open before logging in become the citizen's.
    await linkDrafts(deps.db, s.citizenId, (await openDrafts(deps.db, draftOwner(req), deps.now())).map((d) => d.id));
    setCookie(req, reply, CITIZEN_COOKIE, s.token, CITIZEN_SESSION_HOURS * 3600);
    req.log.info('e-identity login');
    return reply.redirect(pending.returnTo, 303);
  });

  app.post('/dang-xuat/vneid', page, async (req, reply) => {
    await endCitizenSession(deps.db, req.cookies?.[CITIZEN_COOKIE]);
    // A shared computer: what the session opened in this browser goes too (drafts stay linked to the citizen).
    for (const name of [CITIZEN_COOKIE, DRAFT_COOKIE, PROOF_COOKIE]) reply.clearCookie(name, { path: '/' });
    return reply.redirect('/', 303);
  });

  app.get(ACCOUNT_PATH, page, async (req, reply) => {
    const c = await currentCitizen(deps, req);
    if (!c) return sendPage(reply, <LoggedOutPage />);
    const [dossiers, drafts] = [await myDossiers(deps.db, c), await myDrafts(deps.db, c, deps.now())];
    return sendPage(reply, <AccountPage c={c} dossiers={dossiers} drafts={drafts} csrf={csrfToken(reply)} results={await signedResults(deps.db, dossiers.map((d) => d.id))} />);
  });

  // Being logged in proves the second factor for the citizen's own dossiers (portal/proof.ts).
  app.get(`${ACCOUNT_PATH}/ho-so/:id`, page, async (req, reply) => {
    const c = await currentCitizen(deps, req);
    if (!c) return reply.redirect(`${LOGIN_PATH}?tiep=${encodeURIComponent(ACCOUNT_PATH)}`, 303);
    const id = str((req.params as Record<string, unknown>).id);
    if (!isUuid(id) || !(await isMyDossier(deps.db, c, id))) throw notFound('hồ sơ');
    addProof(req, reply, id);
    return reply.redirect(`/tra-cuu/ho-so/${id}`, 303);
  });

  app.post(`${ACCOUNT_PATH}/ho-so-nhap/:id`, page, async (req, reply) => {
    const c = await currentCitizen(deps, req);
    if (!c) return reply.redirect(`${LOGIN_PATH}?tiep=${encodeURIComponent(ACCOUNT_PATH)}`, 303);
    const id = str((req.params as Record<string, unknown>).id);
    if (!isUuid(id) || !(await adoptDraft(deps.db, c, id, ensureDraftOwner(req, reply)))) throw notFound('hồ sơ đang soạn');
    return reply.redirect(`/nop-ho-so/${id}`, 303);
  });
}
