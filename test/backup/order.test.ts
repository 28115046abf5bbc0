// The load order of a restore: parents before the tables whose foreign keys point to them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dependencyOrder } from '../../src/backup/core/order.ts';

test('parents come first, ties by name, self-references ignored', () => {
  const order = dependencyOrder(['files', 'dossier_files', 'dossiers', 'units', 'communes'], [
    ['dossier_files', 'files'], ['dossier_files', 'dossiers'], ['dossiers', 'units'], ['units', 'communes'], ['units', 'units'],
  ]);
  assert.deepEqual(order, ['communes', 'files', 'units', 'dossiers', 'dossier_files']);
});

test('a cycle is refused, never loaded in a wrong order', () => {
  assert.throws(() => dependencyOrder(['a', 'b'], [['a', 'b'], ['b', 'a']]), /cycle/);
});
