// The inputs of every commune's figures for a period of whole months, read province-wide (issue 16, scale): about
// ten statements for the whole province, whatever the number of communes, instead of ~15 per commune
// (figures-store.ts). Each commune then gets exactly what the per-commune reads give it — its span figures (the
// rollup's entries and its unfinished dossiers, summed by the same sumEntries), the tallies of some fields, its
// ratings, and the other inputs of index766() — so that the 766 index is computed with no further query.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { workCalendarFor } from '../calendar/store.ts';
import type { WorkCalendar } from '../calendar/core/working-time.ts';
import { buildRollup, rollupFacts } from '../indicators/rollup-store.ts';
import { entriesOf, sumEntries, type Month, type SpanFigures, type WeightedEntry } from '../indicators/core/rollup.ts';
import type { Period } from '../indicators/core/progress.ts';
import type { Tally } from '../indicators/core/satisfaction.ts';
import type { Index766Inputs } from '../indicators/service.ts';
import type { RatingSummary } from '../ratings/store.ts';
import { petitionMeasuresOf, petitionsAsOf } from '../petitions/measures.ts';
import { portalCountIn } from '../sync/measure.ts';
import {
  builtRollups, latestReconciliations, paidOnlineByCommune, petitionFactsByCommune, proceduresCountedByCommune, ratingsByCommune,
  rollupSums, syncedByCommune, unfinishedFacts,
} from './figures-store.ts';

export interface CommuneInputs {
  figures: SpanFigures;
  /** The 2.1 / 5.4 tally of the commune's dossiers of each field asked. */
  fieldTally: Map<string, Tally>;
  ratings: RatingSummary;
  inputs: Index766Inputs;
}

const group = <T, K>(rows: readonly T[], key: (r: T) => K) => {
  const m = new Map<K, T[]>();
  for (const r of rows) {
    const list = m.get(key(r));
    if (list) list.push(r);
    else m.set(key(r), [r]);
  }
  return m;
};

/** Every commune's inputs for the months first…last (`period` is that span), `fields`: the fields whose own tally
 *  the plan's targets need. */
export async function provinceInputs(
  db: Kysely<Database>, ids: readonly string[], period: Period, span: { first: Month; last: Month }, fields: readonly string[], now: Date,
): Promise<Map<string, CommuneInputs>> {
  const { first, last } = span;
  // A commune whose rollup was never built is built first (once, as figures() does at its first view).
  const built = await builtRollups(db, ids);
  for (const id of ids) if (!built.has(id)) await buildRollup(db, id);
  const asOf = petitionsAsOf(period, now);
  const [sums, live, ratings, paid, eid, synced, recs, petitions] = await Promise.all([
    rollupSums(db, ids, first, last, fields),
    unfinishedFacts(db, ids, period.end),
    ratingsByCommune(db, ids, period.start, period.end),
    paidOnlineByCommune(db, ids, period),
    proceduresCountedByCommune(db, ids, first, last, 'eid'),
    syncedByCommune(db, ids, period),
    latestReconciliations(db, ids),
    petitionFactsByCommune(db, ids, period.start, period.end, asOf),
  ]);
  const petitionsOf = group(petitions, (p) => p.commune_id);
  const calendars = new Map<string, WorkCalendar>();
  for (const id of petitionsOf.keys()) calendars.set(id, await workCalendarFor(db, id));

  // The entries each commune's figures (and each field's) are summed from: the stored sums, shaped so that
  // sumEntries counts them as it counts the rows they sum, and the live entries of the unfinished dossiers.
  const entries = new Map<string, WeightedEntry[]>();
  const push = (k: string, e: WeightedEntry) => {
    const list = entries.get(k);
    if (list) list.push(e);
    else entries.set(k, [e]);
  };
  const key = (commune: string, field: string | null) => (field === null ? commune : `${commune}\u0001${field}`);
  for (const s of sums) {
    const month = s.kind === 'open' ? last : first;
    push(key(s.commune_id, s.field_code), {
      kind: s.kind as WeightedEntry['kind'], month, receivedMonth: month, channel: '', label: s.label, complained: s.complained, n: s.n,
      fieldCode: s.field_code ?? '', procedureCode: '',
    });
  }
  const eidProcedures = group(eid, (r) => r.commune_id);
  const liveEid = new Map<string, Set<string>>();
  for (const r of live) {
    for (const e of entriesOf(rollupFacts(r), [last])) {
      const w: WeightedEntry = { ...e, n: 1, fieldCode: r.field_code, procedureCode: r.procedure_code };
      push(key(r.commune_id, null), w);
      if (fields.includes(r.field_code)) push(key(r.commune_id, r.field_code), w);
      if (e.kind === 'count' && e.label === 'eid' && e.month >= first && e.month <= last) {
        const set = liveEid.get(r.commune_id) ?? new Set<string>();
        set.add(r.procedure_code);
        liveEid.set(r.commune_id, set);
      }
    }
  }
  const ratingsOf = group(ratings, (r) => r.commune_id);
  const paidOf = group(paid, (r) => r.commune_id);
  const syncedOf = new Map(synced.map((r) => [r.commune_id, r.n]));
  const recOf = new Map(recs.map((r) => [r.commune_id, r]));
  const seen = (d: Date | null) => (d && d <= asOf ? d : null);

  const out = new Map<string, CommuneInputs>();
  for (const id of ids) {
    const figures = sumEntries(entries.get(key(id, null)) ?? [], first, last, false);
    const fieldTally = new Map(fields.map((f) => [f, sumEntries(entries.get(key(id, f)) ?? [], first, last, false).tally]));
    const r: RatingSummary = { very_satisfied: 0, satisfied: 0, dissatisfied: 0, total: 0 };
    for (const x of ratingsOf.get(id) ?? []) {
      r[x.overall as keyof Omit<RatingSummary, 'total'>] = x.n;
      r.total += x.n;
    }
    const facts = (petitionsOf.get(id) ?? []).map((p) => ({
      receivedAt: p.received_at, refusedAt: seen(p.refused_at), askedMoreAt: seen(p.asked_more_at), answeredAt: seen(p.answered_at),
      publishedAt: seen(p.published_at), likes: p.likes, dislikes: p.dislikes, repeatedDissatisfied: p.repeated_dissatisfied,
    }));
    const withEid = new Set([...(eidProcedures.get(id) ?? []).map((x) => x.procedure_code), ...(liveEid.get(id) ?? [])]);
    const received = figures.counts.received ?? 0;
    out.set(id, {
      figures, fieldTally, ratings: r,
      inputs: {
        petitions: petitionMeasuresOf(facts, calendars.get(id) ?? null, asOf),
        paidOnline: new Set((paidOf.get(id) ?? []).map((x) => x.procedure_code)),
        withEid,
        synced: { numerator: syncedOf.get(id) ?? 0, denominator: Math.max(received, portalCountIn(recOf.get(id), period)) },
      },
    });
  }
  return out;
}
