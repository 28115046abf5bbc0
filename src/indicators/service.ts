// The Decision 766 index and the period report of a scope and period, from the figures (figures.ts: the monthly
// rollup, or dossier by dossier for other periods) and the catalogue. Indicators whose data Xã Số does not hold say
// why (they are "unavailable", never zero).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { onlinePaymentMeasures, populationDataProcedures, proceduresOf, publishedInFull, type ProcedureData } from './core/catalogue-measures.ts';
import { measuresFromCounts } from './core/contributions.ts';
import { index766At } from './core/index766-data.ts';
import { reportOf, type PeriodReport } from './core/period-report.ts';
import type { Period } from './core/progress.ts';
import { progressMeasures } from './core/satisfaction.ts';
import type { SpanFigures } from './core/rollup.ts';
import { scoreIndex, type IndexResult, type Measure } from './core/score.ts';
import { vnDate } from '../calendar/core/vn-time.ts';
import { figures, type Path } from './figures.ts';
import { procedureNames, proceduresInForce, proceduresPaidOnline, type Scope } from './store.ts';
import { petitionMeasures } from '../petitions/measures.ts';
import { proceduresWithCount } from './breakdown-store.ts';
import { syncedMeasure } from '../sync/measure.ts';

const NO_PUBLICATION = 'Xã Số không lưu quyết định công bố TTHC và ngày công khai trên Cơ sở dữ liệu quốc gia (do cấp tỉnh thực hiện).';
const NO_E_CERTIFIED = 'Chưa có chứng thực điện tử bản sao từ bản chính.';

export interface Index766Report {
  scope: Scope;
  period: { start: string; end: string };
  index: IndexResult;
}

export interface Index766Options {
  /** The time the figures are read at (the injected clock): petitions still open are judged at it (5.2, 5.3). */
  now: Date;
  /** The catalogue in force at the period's start, when the caller has read it already (the public page). */
  catalogue?: ProcedureData[];
  /** Force a path (tests and the benchmark); by default the rollup for whole months. */
  via?: Path;
  /** The period's figures, when the caller has read them already (the public page, with its trend). */
  figures?: SpanFigures;
  /** The other inputs, when the caller has read them already (the province, for every commune at once:
   *  province/set-figures.ts): then the index sends no query. */
  inputs?: Index766Inputs;
}

export interface Index766Inputs {
  petitions: { '5.2': Measure; '5.3': Measure };
  /** The procedures with an online payment settled in the period (3.5b). */
  paidOnline: Set<string>;
  /** The procedures with a dossier of the period using e-identity or population data (4.5a). */
  withEid: Set<string>;
  /** 1.4. */
  synced: Measure;
}

export async function index766(db: Kysely<Database>, scope: Scope, period: Period, opts: Index766Options): Promise<Index766Report> {
  const [f, catalogue, petitions, paidOnline, withEid, synced] = await Promise.all([
    opts.figures ?? figures(db, scope, period, { via: opts.via }),
    opts.catalogue ?? proceduresInForce(db, period.start),
    opts.inputs?.petitions ?? petitionMeasures(db, scope.communeId, period, opts.now),
    opts.inputs?.paidOnline ?? proceduresPaidOnline(db, scope.communeId, period),
    opts.inputs?.withEid ?? proceduresWithCount(db, scope, period, 'eid'),
    opts.inputs?.synced ?? syncedMeasure(db, scope, period),
  ]);
  const measures: Record<string, Measure> = {
    '1.1': { unavailable: NO_PUBLICATION },
    '1.2': { unavailable: NO_PUBLICATION },
    '1.3': publishedInFull(catalogue),
    '1.4': synced, // synced ÷ max(ours, the portal's): src/sync/measure.ts
    // Procedure-level, over the fee-bearing procedures in force at the period's start in the scope.
    ...onlinePaymentMeasures(proceduresOf(catalogue, scope), paidOnline),
    '4.2b': { unavailable: NO_E_CERTIFIED },
    // Procedure-level: the procedures targeting people with a dossier of the period using VNeID or population data.
    '4.5a': populationDataProcedures(proceduresOf(catalogue, scope), withEid),
    ...petitions,
    ...progressMeasures(f.tally),
    ...measuresFromCounts(f.counts),
  };
  const version = index766At(vnDate(period.start));
  return { scope, period: { start: period.start.toISOString(), end: period.end.toISOString() }, index: scoreIndex(version, measures) };
}

export async function report(db: Kysely<Database>, scope: Scope, period: Period, opts: { via?: Path } = {}): Promise<PeriodReport> {
  const [f, names] = await Promise.all([figures(db, scope, period, { byProcedure: true, via: opts.via }), procedureNames(db)]);
  return reportOf([...f.report.values()].map((c) => {
    const n = names.get(c.procedureCode);
    return { fieldCode: c.fieldCode, fieldName: n?.field_name ?? c.fieldCode, procedureCode: c.procedureCode, procedureName: n?.name ?? c.procedureCode, counts: c };
  }));
}
