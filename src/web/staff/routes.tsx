// Staff workspace (/can-bo…): login, the work list, the dossier page with its action forms and scan
// uploads, counter intake, and administration. Every page needs a staff session (staffOrLogin); dossiers
// are read only through the store's scoped functions, exactly as the API does.
import type { App, Deps } from '../../http/deps.ts';
import { authPages } from './auth.tsx';
import { accountPages } from './account.tsx';
import { inboxPages } from './inbox.tsx';
import { dossierPages } from './dossier-routes.tsx';
import { scanRoutes } from './scan-routes.tsx';
import { intakePages } from './intake.tsx';
import { declarationPages } from './declaration-routes.tsx';
import { adminPages } from './admin/routes.tsx';
import { staffPaymentPages } from './payments.tsx';
import { mailboxPages } from './mailbox.tsx';
import { dashboardPages } from './dashboard.tsx';
import { staffPetitionPages } from './petitions.tsx';
import { reformPages } from './reform/routes.tsx';
import { unitReportPages } from './reform-reports/routes.tsx';
import { parPages } from './par/routes.tsx';
import { kpiPages } from './kpi/routes.tsx';
import { resultPages } from './result-routes.tsx';
import { satisfactionPages } from './satisfaction.tsx';
import { privacyStaffPages } from './privacy.tsx';
import { storeLookupPages } from './store-lookup.tsx';
import { syncPages } from './sync-pages.tsx';
import { registryPages } from './registry-pages.tsx';
import { provincePages } from './province-pages.tsx';
import { transferPages } from './transfers-page.tsx';

export async function staffRoutes(app: App, deps: Deps) {
  await authPages(app, deps);
  await accountPages(app, deps);
  await inboxPages(app, deps);
  await dossierPages(app, deps);
  await scanRoutes(app, deps); // the counter's scan: upload, arrange the pages, retry
  await intakePages(app, deps);
  await declarationPages(app, deps);
  await adminPages(app, deps);
  await staffPaymentPages(app, deps);
  await mailboxPages(app, deps);
  await dashboardPages(app, deps);
  await staffPetitionPages(app, deps);
  await reformPages(app, deps);
  await unitReportPages(app, deps);
  await parPages(app, deps);
  await kpiPages(app, deps);
  await resultPages(app, deps);
  await satisfactionPages(app, deps);
  await privacyStaffPages(app, deps);
  await storeLookupPages(app, deps);
  await syncPages(app, deps); // the national portal's sync, for the administrator
  await registryPages(app, deps); // population / civil-status lookups and their log
  await provincePages(app, deps); // the province: dashboard comparing communes, onboarding a commune
  await transferPages(app, deps); // location-independent receipt: paper on the road, dossiers received for other communes
}
