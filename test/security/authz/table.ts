// THE classification of every route of the app, once: who may call it. The matrix test
// (test/security/authz-matrix.app.test.ts) reads the app's routes and fails for a route missing here (or an entry
// whose route is gone). To classify a new route, add one line:
//
//   PUBLIC      anyone, no login (the citizen portal, open data, public look-ups); a leak check still runs on its body
//   CITIZEN     a citizen logged in with e-identity (/ho-so-cua-toi/…); staff and anonymous are sent away
//   STAFF       any logged-in officer (API: 401 without login; page: 303 to /can-bo/dang-nhap)
//   roles(…)    an officer holding one of these roles; the others get 403 (404 where the route's object is out of
//               their scope first); personRoles(…): the same, for a person only (a system's API key gets 403)
//   people(…)   decided per person (the officer concerned, the head of a unit, the centre's head…): these demo
//               accounts of commune A are let through, the other accounts of A get 403 or 404
//   PROVINCE    the province roles (province_admin, province_viewer) of the commune's province; others 403
//   SYSTEM      a partner system with its own key or signature (the national portal, the payment gateway)
//   AUTH        logging in and out
//   REDIRECT    the GET address of a form, which sends everyone to the form's page
//
// (in table-api.ts or table-web.ts) and, if the route's path has a parameter of a new kind, a rule in params.ts
// naming commune A's object it takes.
// Roles are asserted on the GET routes; POST/PUT routes are called by the other communes' staff on commune A's
// objects and must change nothing (their role rules are in each domain's own tests).
import type { Access } from './access.ts';
import { API_ROUTES } from './table-api.ts';
import { WEB_ROUTES } from './table-web.ts';

export const ROUTES: Record<string, Access> = { ...API_ROUTES, ...WEB_ROUTES };

/** Query strings the GET routes need to answer with data (commune A's where they name one); `{fixture}` is replaced. */
export const QUERY: Record<string, string> = {
  'GET /api/v1/public/status': 'code={codeNew}&idLast4={last4}',
  'GET /api/v1/public/petitions': 'communeId=xuan-duong',
  'GET /api/v1/public/verify': 'code={signedCode}',
  'GET /xac-thuc/tai-ve': 'ma={signedCode}',
  'GET /xac-thuc': 'ma={signedCode}',
  'GET /api/v1/payments/reconciliation': 'day=2026-11-24',
  'GET /api/v1/par/comparison': 'year=2025',
  'GET /api/v1/tracking-book': 'field=HOTICH&from=2026-11-01&to=2026-11-30',
  'GET /api/v1/tracking-book.xlsx': 'field=HOTICH&from=2026-11-01&to=2026-11-30',
  'GET /api/v1/indicators/766': 'commune=xuan-duong&year=2026',
  'GET /api/v1/indicators/report': 'commune=xuan-duong&year=2026',
  'GET /api/v1/indicators/report.xlsx': 'commune=xuan-duong&year=2026',
  'GET /api/v1/indicators/report.pdf': 'commune=xuan-duong&year=2026',
  'GET /api/v1/indicators/public': 'commune=xuan-duong&year=2026',
  'GET /api/v1/indicators/digitisation': 'commune=xuan-duong&year=2026',
  'GET /api/v1/dossiers': 'limit=100',
  'GET /api/v1/reform/tasks': 'planId={plan}',
  'GET /can-bo/chi-so/ho-so': 'chi_so=2.1&phan=mau&nam=2026&thang=11',
};

/** The two routes through which the commune that received a dossier and transferred it follows it (§16f): its
 *  whole-commune staff, read-only, without the competent commune's notes. */
export const FOLLOWER_ROUTES = ['GET /api/v1/dossiers/:id', 'GET /can-bo/ho-so/:id'];

/** The receiving commune's own records of a dossier it received and transferred: the desk's cross-commune page
 *  (by design, §16f) and the notices its desk sent before the transfer (the outbox). Its code and applicant may
 *  appear there, never the competent commune's notes. */
export const RECEIVING_RECORDS = ['GET /can-bo/lien-xa', 'GET /api/v1/notifications', 'GET /can-bo/thong-bao'];

/** Object routes no account of commune A opens with the fixture the matrix has (a state the fixture is not in, a
 *  secret only the citizen holds): the isolation checks still run on them; the "someone of A opens it" check does not. */
export const NOT_OPENED_BY_A: Record<string, string> = {
  'GET /api/v1/dossiers/:id/declaration': 'a counter intake has no e-form declaration',
  'GET /api/v1/dossiers/:id/digitisation/:jobId/file': 'the storage copy is not made yet (no OCR worker in the test)',
  'GET /can-bo/ho-so/:id/so-hoa/:jobId/dien-to-khai': 'idem',
  'GET /can-bo/ho-so/:id/tep/trang/:sha': 'a page image exists only for an image scan',
  'GET /ho-so-cua-toi/ho-so/:id': 'the citizen of the matrix is not the applicant',
  'GET /ho-so-cua-toi/kho-du-lieu/:id': 'idem',
  'GET /ho-so-cua-toi/kho-du-lieu/:id/tai-ve': 'idem',
  'GET /danh-gia/:id': 'the rating page needs the status look-up first',
  'GET /tra-cuu/ho-so/:id': 'the status page needs the look-up (code + last 4 digits) first',
  'GET /tra-cuu/ho-so/:id/du-thao.pdf': 'idem',
  'GET /tra-cuu/ho-so/:id/rut-ho-so': 'idem',
  'GET /tra-cuu/ho-so/:id/thanh-toan': 'idem',
  'GET /tra-cuu/ho-so/:id/thanh-toan/bien-lai/:ref': 'idem',
  'GET /tra-cuu/ho-so/:id/ket-qua.pdf': 'idem',
};

/**
 * Known leaks, found by this matrix and not fixed yet: each is a (route, caller) whose violation is expected. The
 * matrix reports each as a todo while it still fails, and fails when one no longer does (remove it then).
 */
export const KNOWN_LEAKS: { route: string; callers: string[]; what: string }[] = [
  // None. The first run found one, fixed since: the national-portal sync screen (GET /api/v1/sync/dossiers,
  // /can-bo/quan-tri/dong-bo) kept listing a transferred dossier to the commune that received it, because
  // dossier_sync.commune_id did not move with the dossier (src/sync/store.ts insertMessage now moves it).
];
