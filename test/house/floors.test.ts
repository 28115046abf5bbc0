// The floors lint rules (eslint/floors.js) catch what they are for: a core importing the web or the database, a
// store throwing HTTP problems, a page importing a routes file or Kysely, SQL outside a store, and an exception
// without its reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import house, { kindOf } from '../../eslint/floors.js';

const linter = new Linter({ configType: 'flat' });
const config = [{
  files: ['**/*.ts', '**/*.tsx'],
  languageOptions: { parser: tseslint.parser as never, parserOptions: { ecmaFeatures: { jsx: true } } },
  plugins: { house },
  rules: { 'house/floors': 'error', 'house/sql-in-stores': 'error', 'house/explained': 'error' },
}] as Linter.Config[];

function lint(file: string, code: string): string[] {
  return linter.verify(code, config, { filename: path.resolve(file) }).map((m) => `${m.ruleId}: ${m.message}`);
}

test('each file has one kind, told by its path', () => {
  assert.equal(kindOf('src/dossiers/core/decide.ts'), 'core');
  assert.equal(kindOf('src/shared/format.ts'), 'core');
  assert.equal(kindOf('src/shared/attempts-store.ts'), 'store');
  assert.equal(kindOf('src/payments/tables.ts'), 'tables');
  assert.equal(kindOf('src/db/connect.ts'), 'db');
  assert.equal(kindOf('src/dossiers/service.ts'), 'service');
  assert.equal(kindOf('src/http/problem.ts'), 'service');
  assert.equal(kindOf('src/web/staff/inbox.tsx'), 'page');
  assert.equal(kindOf('src/web/portal/status-routes.tsx'), 'routes');
  assert.equal(kindOf('src/dossiers/routes.ts'), 'routes');
  assert.equal(kindOf('src/app.ts'), 'top');
  assert.equal(kindOf('src/demo/activity.ts'), 'top');
  assert.equal(kindOf('src/demo/activity-store.ts'), 'store');
  assert.equal(kindOf('test/support/app.ts'), null);
});

test('a lower floor never imports a higher one, type imports included', () => {
  assert.deepEqual(lint('src/notifications/core/messages.ts', "import { fmtDate } from '../../web/format.ts';"),
    ['house/floors: a core file (floor 0) imports a page file (floor 5): src/web/format.ts']);
  assert.equal(lint('src/dossiers/core/decide.ts', "import type { Kysely } from 'kysely';").length, 1);
  assert.equal(lint('src/dossiers/store.ts', "import type { Deps } from '../dossiers/service.ts';").length, 1);
  assert.equal(lint('src/dossiers/store.ts', "import { Problem } from '../http/problem.ts';").length, 1, 'no HTTP problems in stores');
  assert.equal(lint('src/dossiers/service.ts', "import { dossierRoutes } from './routes.ts';").length, 1);
  assert.equal(lint('src/http/idempotency.ts', "import { createDossier } from '../dossiers/service.ts';").length, 1, 'http/ is a lower floor');
  assert.deepEqual(lint('src/dossiers/service.ts', "import { loadDossier } from './store.ts';\nimport { decide } from './core/decide.ts';"), []);
});

test('pages import services, never routes files or SQL', () => {
  assert.equal(lint('src/web/portal/lookup.ts', "import { publicRoutes } from '../../dossiers/public-routes.ts';").length, 1);
  assert.equal(lint('src/web/staff/inbox.tsx', "import { sql } from 'kysely';").length, 1);
  assert.equal(lint('src/web/staff/inbox.tsx', "import type { Database } from '../../db/schema.ts';").length, 1);
  assert.deepEqual(lint('src/web/staff/routes.tsx', "import { dossierPages } from './dossier-routes.tsx';"), []);
});

test('SQL lives in stores; an exception says why', () => {
  const query = "export const f = (db: any) => db.selectFrom('dossiers').selectAll().execute();";
  assert.equal(lint('src/dossiers/service.ts', query).length, 1);
  assert.deepEqual(lint('src/dossiers/store.ts', query), []);
  assert.equal(lint('src/web/portal/drafts.ts', 'export const f = (db: any) => sql`SELECT 1`.execute(db);').length, 1);
  assert.equal(lint('src/dossiers/service.ts', `// eslint-disable-next-line house/sql-in-stores\n${query}`).length, 1, 'no reason given');
  assert.deepEqual(lint('src/dossiers/service.ts', `// eslint-disable-next-line house/sql-in-stores -- one statement inside the caller's lock\n${query}`), []);
});
