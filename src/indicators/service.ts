// The Decision 766 index and the period report of a scope and period, from the indicator facts and the catalogue.
// Indicators whose data Xã Số does not hold say why (they are "unavailable", never zero).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { vnDate } from '../calendar/vn-time.ts';
import { measuresFromCounts } from './core/contributions.ts';
import { index766At } from './core/index766-data.ts';
import { periodReport, type PeriodReport, type ReportDossier } from './core/period-report.ts';
import { progressOf, type Period } from './core/progress.ts';
import { satisfactionMeasure } from './core/satisfaction.ts';
import { scoreIndex, type IndexResult, type Measure } from './core/score.ts';
import { activeDossiers, receivedCounts, type ActiveDossier, type Scope } from './store.ts';
import { petitionMeasures } from '../feedback/petition-measures.ts';

const NO_PUBLICATION = 'Xã Số không lưu quyết định công bố TTHC và ngày công khai trên Cơ sở dữ liệu quốc gia (do cấp tỉnh thực hiện).';
const NO_SYNC = 'Chưa kết nối đồng bộ hồ sơ với Cổng Dịch vụ công quốc gia.';
const NO_E_CERTIFIED = 'Chưa có chứng thực điện tử bản sao từ bản chính.';

const toReport = (d: ActiveDossier): ReportDossier => ({
  fieldCode: d.field_code, fieldName: d.field_name, procedureCode: d.procedure_code, procedureName: d.procedure_name,
  channel: d.channel as ReportDossier['channel'], receivedAt: d.received_at, originalDueAt: d.original_due_at,
  finishedAt: d.finished_at, pausedAt: d.paused_at, returnedAt: d.returned_at, supplementCount: d.supplement_count,
  lateBySupplementRule: d.late_by_supplement_rule,
});

/** 1.3: procedures of the commune published with every part NĐ 63/2010 Đ8 k2 requires (catalogue in force). */
async function publishedInFull(db: Kysely<Database>, at: Date): Promise<Measure> {
  const day = vnDate(at);
  const rows = await db
    .selectFrom('procedures')
    .select(['data'])
    .where('effective_from', '<=', day)
    .where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>', day)]))
    .execute();
  const full = rows.filter(({ data }) => {
    const p = data as { name?: string; steps?: unknown[]; methods?: unknown[]; components?: unknown[]; processingTime?: unknown; targetPersons?: unknown[]; authority?: string };
    return !!p.name && !!p.steps?.length && !!p.methods?.length && !!p.components?.length && !!p.processingTime && !!p.targetPersons?.length && !!p.authority;
  });
  return { numerator: full.length, denominator: rows.length };
}

export interface Index766Report {
  scope: Scope;
  period: { start: string; end: string };
  index: IndexResult;
}

export async function index766(db: Kysely<Database>, scope: Scope, period: Period): Promise<Index766Report> {
  const [counts, active, published] = await Promise.all([receivedCounts(db, scope, period), activeDossiers(db, scope, period), publishedInFull(db, period.start)]);
  let onTime = 0;
  let late = 0;
  let complained = 0;
  for (const d of active) {
    const p = progressOf(toReport(d), period);
    if (p === null) continue;
    if (p === 'late') late++;
    else onTime++;
    if (d.counts.includes('complained')) complained++;
  }
  const measures: Record<string, Measure> = {
    '1.1': { unavailable: NO_PUBLICATION },
    '1.2': { unavailable: NO_PUBLICATION },
    '1.3': published,
    '1.4': { unavailable: NO_SYNC },
    '2.1': { numerator: onTime, denominator: onTime + late },
    '3.5a': { unavailable: 'Chưa tính: cần danh mục phí đã tích hợp thanh toán (vấn đề 4).' },
    '3.5b': { unavailable: 'Chưa tính: cần danh mục phí đã tích hợp thanh toán (vấn đề 4).' },
    '4.2b': { unavailable: NO_E_CERTIFIED },
    '4.5a': { unavailable: 'Chưa tính theo thủ tục (chỉ tính theo hồ sơ, chỉ số 4.5b).' },
    ...(await petitionMeasures(db, scope.communeId, period)),
    '5.4': satisfactionMeasure({ dossiers: onTime + late, late, complained }),
    ...measuresFromCounts(counts),
  };
  const version = index766At(vnDate(period.start));
  return { scope, period: { start: period.start.toISOString(), end: period.end.toISOString() }, index: scoreIndex(version, measures) };
}

export async function report(db: Kysely<Database>, scope: Scope, period: Period): Promise<PeriodReport> {
  return periodReport((await activeDossiers(db, scope, period)).map(toReport), period);
}
