// Citizen portal (public, mobile-first, no JavaScript needed). Pages:
//   /                        search, most used procedures, lookup by dossier code, drafts to resume
//   /thu-tuc?q=              search results (diacritic-insensitive)       catalogue-pages.tsx
//   /thu-tuc/:code           the procedure as published (NĐ 63/2010 Đ8)   procedure-view.tsx
//   /nop-ho-so/...           online submission: start, applicant, e-form, files, check, submit, confirmation
//                                                                          submit-routes.tsx, check-routes.tsx
//   /tra-cuu, /tra-cuu/ho-so/:id   status by code + last 4 digits of the ID number; supplement; withdrawal
//                                                                          status-routes.tsx
//   /danh-gia, /danh-gia/:id satisfaction rating after the result          rating-routes.tsx
//   /cong-khai               public transparency page (indicators, targets) public-page.tsx
//   /xac-thuc                verify a digitally signed document by its code or file  verify-routes.tsx
import type { App, Deps } from '../../http/deps.ts';
import { cataloguePages } from './catalogue-pages.tsx';
import { checkRoutes } from './check-routes.tsx';
import { ratingRoutes } from './rating-routes.tsx';
import { statusRoutes } from './status-routes.tsx';
import { submitRoutes } from './submit-routes.tsx';
import { useProofKey } from './proof.ts';
import { accountPages } from './account-routes.tsx';
import { paymentPages } from './payment-routes.tsx';
import { publicPages } from './public-page.tsx';
import { petitionPages } from './petition-pages.tsx';
import { kioskPages } from './kiosk.tsx';
import { verifyRoutes } from './verify-routes.tsx';
import { resultRoutes } from './result-routes.tsx';
import { privacyPages } from './privacy-pages.tsx';
import { storePages } from './store-pages.tsx';
import { openDataPages } from './open-data-pages.tsx';
import { provincePublicPages } from './province-public.tsx';
import { serverSecret } from '../../shared/secrets-store.ts';

export async function portalRoutes(app: App, deps: Deps) {
  useProofKey(await serverSecret(deps.db, 'portal-proof'));
  await cataloguePages(app, deps);
  await submitRoutes(app, deps);
  await checkRoutes(app, deps);
  await statusRoutes(app, deps);
  await ratingRoutes(app, deps);
  await accountPages(app, deps);
  await paymentPages(app, deps);
  await publicPages(app, deps);
  await petitionPages(app, deps);
  await kioskPages(app, deps);
  await verifyRoutes(app, deps);
  await resultRoutes(app, deps);
  await privacyPages(app, deps);
  await storePages(app, deps);
  await openDataPages(app, deps);
  await provincePublicPages(app, deps);
}
