// The loop of a background worker (the notice outbox, the national portal's sync): a round every `intervalMs`, at once
// again while a round says there is more to do. Rounds that fail as a whole (the database away) wait longer each time,
// up to a minute, so that an outage is neither hammered nor flooded into the log (`onError` hears whether it is the
// first failure of a run of them); the first round that works resets the wait.
export function startRounds(o: { intervalMs: number; round: () => Promise<boolean>; onError: (e: unknown, first: boolean) => void }) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  let failures = 0;
  const schedule = (ms: number) => {
    if (!stopped) timer = setTimeout(() => (running = tick()), ms);
  };
  const tick = async () => {
    let again = false;
    try {
      again = await o.round();
      failures = 0;
    } catch (e) {
      o.onError(e, failures++ === 0);
    }
    schedule(again ? 0 : failures ? Math.min(o.intervalMs * 2 ** failures, 60_000) : o.intervalMs);
  };
  schedule(0);
  return {
    /** Stops scheduling and waits for the round in flight. */
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
