// The demo dossiers left waiting at each step of "Việc cần làm" (src/web/staff/dossier-todo.tsx) when the demo year
// ends, so that every officer logging in to the demo finds work: online submissions awaiting receipt (state 1),
// dossiers routed to the handling unit awaiting its specialist (state 4, no proposal yet), proposals submitted to the
// chair's signature (state 4, signature_requested_of) and results issued awaiting return (state 9).
// Chosen among the most recent dossiers of a commune, deterministically (from the drawn receipt instants and
// procedures only), the further along the older: a dossier held at a later step was received earlier.

/** The step a held dossier stops before; null: the dossier runs as far as `now` lets it. */
export type Hold = 'receipt' | 'specialist' | 'signature' | 'return';

interface HoldRule {
  hold: Hold;
  /** How many a commune of DEMO_VOLUME's size keeps at this step (fewer for a small demo). */
  target: number;
  /** The youngest a dossier held here may be (ms before `now`), so that its steps are spread plausibly. */
  minAge: number;
  /** Whether the procedure fits (online submission needs the online method). */
  fits: (p: { methods: string[] }) => boolean;
}

const HOUR = 3_600_000;
const RULES: readonly HoldRule[] = [
  { hold: 'receipt', target: 3, minAge: 0, fits: (p) => p.methods.includes('online') },
  { hold: 'specialist', target: 3, minAge: 4 * HOUR, fits: () => true },
  { hold: 'signature', target: 2, minAge: 24 * HOUR, fits: () => true },
  { hold: 'return', target: 2, minAge: 48 * HOUR, fits: () => true },
];

/**
 * Which of a commune's dossiers (receipt instants `times`, ascending, and their procedures) are held, and where:
 * walking back from the most recent, each dossier goes to the first step still short of its count that it fits and
 * is old enough for. A commune of fewer than 100 dossiers a year keeps one at each step.
 */
export function heldDossiers(times: readonly Date[], procs: readonly { methods: string[] }[], now: Date): Map<number, Hold> {
  const want = new Map(RULES.map((r) => [r.hold, Math.min(r.target, Math.max(1, Math.round(times.length / 100)))]));
  const out = new Map<number, Hold>();
  for (let i = times.length - 1; i >= 0 && [...want.values()].some((n) => n > 0); i--) {
    const age = now.getTime() - times[i]!.getTime();
    const rule = RULES.find((r) => want.get(r.hold)! > 0 && age >= r.minAge && r.fits(procs[i]!));
    if (!rule) continue;
    out.set(i, rule.hold);
    want.set(rule.hold, want.get(rule.hold)! - 1);
  }
  return out;
}
