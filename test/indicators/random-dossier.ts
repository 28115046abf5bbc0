// A dossier's columns drawn at random between 20 September 2026 and 10 March 2027 (across a year's end), for the
// rollup tests: received or not, finished (mostly within 40 days), paused, returned, routed, late by the supplement
// rule, all by the given seeded generator so that a failure can be replayed.
export const FROM = Date.parse('2026-09-20T00:00:00Z');
export const TO = Date.parse('2027-03-10T00:00:00Z');

export function randomDossierColumns(rnd: () => number, units: readonly number[], finishedShare: number) {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const instant = () => new Date(FROM + Math.floor(rnd() * (TO - FROM)));
  const later = (t: Date, maxDays: number) => new Date(t.getTime() + Math.floor(rnd() * maxDays * 86_400_000));
  const received = rnd() < 0.9 ? instant() : null;
  const finished = received && rnd() < finishedShare ? (rnd() < 0.9 ? later(received, 40) : instant()) : null;
  const paused = received && rnd() < 0.25 ? later(received, 10) : null;
  return {
    channel: pick(['direct', 'online', 'postal'] as const),
    received_at: received,
    original_due_at: received && rnd() < 0.95 ? later(received, 15) : null,
    finished_at: finished,
    returned_at: finished && rnd() < 0.6 ? later(finished, 5) : rnd() < 0.03 ? instant() : null,
    current_unit_id: rnd() < 0.9 ? pick(units) : null,
    authenticated_with_eid: rnd() < 0.5,
    state: finished ? 10 : received ? 4 : 2,
    projection: JSON.stringify({ pausedAt: paused?.toISOString() ?? null, supplementCount: Math.floor(rnd() * 2.4), lateBySupplementRule: rnd() < 0.05 }),
  };
}
