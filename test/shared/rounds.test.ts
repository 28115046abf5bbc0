// The background workers' loop (src/shared/rounds.ts): again at once while a round has more to do, the interval
// otherwise, a failing round reported once per run of failures and waited on longer, and a stop that waits for the
// round in flight.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startRounds } from '../../src/shared/rounds.ts';

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(ok(), 'in time');
};

test('rounds run again at once while they have more to do, then wait the interval', async () => {
  let n = 0;
  const r = startRounds({ intervalMs: 60_000, round: async () => ++n < 5, onError: () => assert.fail('no error') });
  await until(() => n === 5);
  await new Promise((res) => setTimeout(res, 50));
  assert.equal(n, 5, 'the fifth round had nothing more: the next waits the interval');
  await r.stop();
});

test('a failing round is reported once per run of failures; stop waits for the round in flight', async () => {
  const heard: boolean[] = [];
  let calls = 0;
  let release = () => {};
  const r = startRounds({
    intervalMs: 1,
    round: async () => {
      calls++;
      if (calls <= 2) throw new Error('database away');
      await new Promise<void>((res) => (release = res));
      return false;
    },
    onError: (_e, first) => heard.push(first),
  });
  await until(() => calls === 3);
  assert.deepEqual(heard, [true, false]);
  let stopped = false;
  const stopping = r.stop().then(() => (stopped = true));
  await new Promise((res) => setTimeout(res, 20));
  assert.equal(stopped, false, 'the round in flight is awaited');
  release();
  await stopping;
  assert.equal(calls, 3, 'nothing after the stop');
});
