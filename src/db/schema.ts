// The database as Kysely sees it: every domain's tables, composed here. Each domain owns its tables' types in its own
// `tables.ts` (kept in step with src/db/migrations/*.sql by hand); those files import nothing but Kysely's column
// types and their domain's pure core, so this composition sits on a low floor.
import type { PlatformTables } from './tables.ts';
import type { OrgTables } from '../org/tables.ts';
import type { IdentityTables } from '../identity/tables.ts';
import type { StaffAuthTables } from '../identity/staff/tables.ts';
import type { CitizenTables } from '../identity/citizens/tables.ts';
import type { CatalogueTables } from '../catalogue/tables.ts';
import type { CalendarTables } from '../calendar/tables.ts';
import type { DossierTables } from '../dossiers/tables.ts';
import type { RatingTables } from '../ratings/tables.ts';
import type { PetitionTables } from '../petitions/tables.ts';
import type { PaymentTables } from '../payments/tables.ts';
import type { NotificationTables } from '../notifications/tables.ts';
import type { IndicatorTables } from '../indicators/tables.ts';
import type { ReformTables } from '../reform/tables.ts';
import type { UnitReportTables } from '../reform/reports/tables.ts';
import type { ParTables } from '../par/tables.ts';
import type { KpiTables } from '../kpi/tables.ts';
import type { SignatureTables } from '../signatures/tables.ts';
import type { PrivacyTables } from '../privacy/tables.ts';
import type { DigitisationTables } from '../digitisation/tables.ts';
import type { DataStoreTables } from '../datastore/tables.ts';
import type { SyncTables } from '../sync/tables.ts';
import type { InboundTables } from '../inbound/tables.ts';
import type { RegistryTables } from '../registries/tables.ts';
import type { ImportTables } from '../imports/tables.ts';
import type { ProvinceTables } from '../province/tables.ts';

export interface Database extends PlatformTables, OrgTables, IdentityTables, StaffAuthTables, CitizenTables, CatalogueTables,
  CalendarTables, DossierTables, RatingTables, PetitionTables, PaymentTables, NotificationTables, IndicatorTables,
  ReformTables, UnitReportTables, ParTables, KpiTables, SignatureTables, PrivacyTables, DigitisationTables, DataStoreTables,
  SyncTables, InboundTables, RegistryTables, ImportTables, ProvinceTables {}
