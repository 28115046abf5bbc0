// Multi-host connection strings (src/db/multi-host.ts): what pg_autoctl prints, parsed as libpq reads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseNameOf, parseMultiHost, qualifies, withDatabaseName } from '../../src/db/multi-host.ts';
import { withDatabase } from '../../src/db/connect.ts';

test('the URI pg_autoctl show uri prints: hosts, ports, attributes, one single-host URL per host', () => {
  const mh = parseMultiHost('postgres://xaso:pw@node1:5001,node2:5002/xaso?target_session_attrs=read-write&sslmode=prefer');
  assert.ok(mh);
  assert.deepEqual(mh.hosts, [{ host: 'node1', port: 5001 }, { host: 'node2', port: 5002 }]);
  assert.equal(mh.attrs, 'read-write');
  assert.equal(mh.single(0), 'postgres://xaso:pw@node1:5001/xaso?sslmode=prefer');
  assert.equal(mh.single(1), 'postgres://xaso:pw@node2:5002/xaso?sslmode=prefer');
});

test('a host without a port takes 5432; IPv6 in brackets; no attributes means any', () => {
  const mh = parseMultiHost('postgresql://a,[::1]:5433,c:6000/db');
  assert.ok(mh);
  assert.deepEqual(mh.hosts, [{ host: 'a', port: 5432 }, { host: '::1', port: 5433 }, { host: 'c', port: 6000 }]);
  assert.equal(mh.attrs, 'any');
  assert.equal(mh.single(1), 'postgresql://[::1]:5433/db');
});

test('one host and no attributes is left to pg; one host with attributes is checked here', () => {
  assert.equal(parseMultiHost('postgres://u:p@127.0.0.1:5432/xaso'), null);
  assert.equal(parseMultiHost('postgres://u:p@127.0.0.1:5432/xaso?sslmode=disable'), null);
  const one = parseMultiHost('postgres://u@h:5/xaso?target_session_attrs=primary');
  assert.equal(one?.attrs, 'primary');
  assert.equal(one?.single(0), 'postgres://u@h:5/xaso');
});

test('a wrong attribute or host list is refused in Vietnamese', () => {
  assert.throws(() => parseMultiHost('postgres://h1,h2/x?target_session_attrs=master'), /target_session_attrs không hợp lệ/);
  assert.throws(() => parseMultiHost('postgres://h1:abc,h2/x'), /Địa chỉ máy chủ PostgreSQL không hợp lệ/);
});

test('the database name is changed and read on multi-host URLs too', () => {
  const url = 'postgres://u:p@h1:1,h2:2/xaso?target_session_attrs=read-write';
  assert.equal(withDatabaseName(url, 'postgres'), 'postgres://u:p@h1:1,h2:2/postgres?target_session_attrs=read-write');
  assert.equal(withDatabase(url, 'xaso_drill'), 'postgres://u:p@h1:1,h2:2/xaso_drill?target_session_attrs=read-write');
  assert.equal(databaseNameOf(url), 'xaso');
  assert.equal(databaseNameOf('postgres://u@h/x%20y'), 'x y');
  // single-host URLs keep the old behaviour
  assert.equal(withDatabase('postgres://u:p@h:5432/a', 'b'), 'postgres://u:p@h:5432/b');
});

test('which sessions qualify for each target_session_attrs (libpq)', () => {
  const primary = { inRecovery: false, readOnly: false };
  const standby = { inRecovery: true, readOnly: true };
  const readOnlyPrimary = { inRecovery: false, readOnly: true };
  const table: [string, boolean, boolean, boolean][] = [
    // attrs, primary, standby, read-only primary
    ['any', true, true, true],
    ['read-write', true, false, false],
    ['read-only', false, true, true],
    ['primary', true, false, true],
    ['standby', false, true, false],
    ['prefer-standby', false, true, false], // its second pass (any) is pickHost's
  ];
  for (const [attrs, p, s, r] of table) {
    assert.equal(qualifies(attrs as never, primary), p, `${attrs} primary`);
    assert.equal(qualifies(attrs as never, standby), s, `${attrs} standby`);
    assert.equal(qualifies(attrs as never, readOnlyPrimary), r, `${attrs} read-only primary`);
  }
});
