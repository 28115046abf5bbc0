// The house's floors, as lint rules (docs/architecture.md § The floors). Every file under src/ is of one kind, told
// by its path; a file may import its own floor and the floors below it, never one above, type imports included.
//
//   floor  kind      files                                                      packages (what the rule checks)
//   0      core      */core/**, */seed/**, src/shared/** (not *-store.ts)       node:crypto, @sinclair/typebox
//   1      tables    tables.ts, *-tables.ts                                      kysely (column types)
//   2      db        src/db/**                                                   any
//   3      store     store.ts, *-store.ts                                        never fastify; never src/http/ (no HTTP problems)
//   4      service   any other file of a domain folder; src/http/, src/outside/, src/config.ts
//   5      page      src/web/** (not routes)                                     no SQL: never kysely, pg, src/db/
//   6      routes    routes.ts(x), *-routes.ts(x)
//   7      top       src/app.ts, src/server.ts, src/seed.ts, src/cli/**, src/demo/** (their stores are stores)
//
// Besides the floors: src/http/ is a lower floor of its own (it imports only core, tables, db, src/http/ and
// src/outside/); a file that is not a routes file never imports one; and only stores and db/ write SQL (the rule
// `house/sql-in-stores`), except on a line whose disabling comment says why (`-- reason`, `house/explained`).
import path from 'node:path';

const FLOOR = { core: 0, tables: 1, db: 2, store: 3, service: 4, page: 5, routes: 6, top: 7 };

/** The kind of a file, from its path relative to the repository (posix separators). */
export function kindOf(rel) {
  if (!rel.startsWith('src/')) return null;
  const base = path.posix.basename(rel);
  if (/^(routes|.+-routes)\.tsx?$/.test(base)) return 'routes';
  if (/^(tables|.+-tables)\.ts$/.test(base)) return 'tables';
  if (/^(store|.+-store)\.ts$/.test(base)) return 'store';
  if (/^src\/(app|server|seed)\.tsx?$/.test(rel) || rel.startsWith('src/cli/') || rel.startsWith('src/demo/')) return 'top';
  if (rel.startsWith('src/db/')) return 'db';
  if (/\/(core|seed)\//.test(rel) || rel.startsWith('src/shared/')) return 'core';
  if (rel.startsWith('src/web/')) return 'page';
  return 'service';
}

const PACKAGES = {
  core: /^(node:crypto|@sinclair\/typebox(\/.*)?)$/,
  tables: /^kysely$/,
};
const NO_SQL_PACKAGES = /^(kysely|pg)$/;
const FASTIFY = /^(fastify|@fastify\/.*)$/;

function rel(file, cwd) {
  return path.relative(cwd, file).split(path.sep).join('/');
}

function sources(node) {
  if ((node.type === 'ImportDeclaration' || node.type === 'ExportNamedDeclaration' || node.type === 'ExportAllDeclaration') && node.source) {
    return [node.source];
  }
  if (node.type === 'ImportExpression' && node.source.type === 'Literal') return [node.source];
  return [];
}

const floors = {
  meta: { type: 'problem', docs: { description: 'no file imports a floor above its own (docs/architecture.md)' }, schema: [] },
  create(context) {
    const cwd = context.cwd ?? process.cwd();
    const me = rel(context.filename, cwd);
    const kind = kindOf(me);
    if (!kind) return {};
    const inHttp = me.startsWith('src/http/');
    function check(source) {
      const spec = String(source.value);
      if (!spec.startsWith('.')) {
        const allowed = PACKAGES[kind];
        const bad =
          allowed && !allowed.test(spec) ? `a ${kind} file imports no package but ${kind === 'core' ? 'node:crypto and @sinclair/typebox' : 'kysely'}: ${spec}`
          : kind === 'page' && NO_SQL_PACKAGES.test(spec) ? `a page never imports ${spec}: its data comes from a service or a store`
          : kind === 'store' && FASTIFY.test(spec) ? `a store never imports ${spec}: it knows nothing of HTTP`
          : null;
        if (bad) context.report({ node: source, message: bad });
        return;
      }
      const target = rel(path.resolve(path.dirname(context.filename), spec), cwd);
      const other = kindOf(target);
      if (!other) return;
      let bad = null;
      if (FLOOR[other] > FLOOR[kind]) bad = `a ${kind} file (floor ${FLOOR[kind]}) imports a ${other} file (floor ${FLOOR[other]}): ${target}`;
      else if (other === 'routes' && kind !== 'routes' && kind !== 'top') bad = `only routes files import routes files: ${target}`;
      else if (inHttp && !['core', 'tables', 'db'].includes(other) && !target.startsWith('src/http/') && !target.startsWith('src/outside/')) {
        bad = `src/http/ is a lower floor: it imports only core, tables, db, src/http/ and src/outside/, not ${target}`;
      } else if (kind === 'store' && target.startsWith('src/http/')) bad = `a store never imports src/http/ (no HTTP problems in stores): ${target}`;
      else if (kind === 'page' && other === 'db') bad = `a page never imports src/db/: its data comes from a service or a store (${target})`;
      else if (kind === 'core' && other !== 'core') bad = `a core file imports only core files: ${target}`;
      if (bad) context.report({ node: source, message: bad });
    }
    return {
      ImportDeclaration: (n) => sources(n).forEach(check),
      ExportNamedDeclaration: (n) => sources(n).forEach(check),
      ExportAllDeclaration: (n) => sources(n).forEach(check),
      ImportExpression: (n) => sources(n).forEach(check),
    };
  },
};

const QUERY_METHODS = new Set(['selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'mergeInto', 'replaceInto', 'selectNoFrom']);

const sqlInStores = {
  meta: { type: 'problem', docs: { description: 'SQL lives in stores (store.ts, *-store.ts) and src/db/' }, schema: [] },
  create(context) {
    const me = rel(context.filename, context.cwd ?? process.cwd());
    const kind = kindOf(me);
    if (!kind || kind === 'store' || kind === 'db') return {};
    const say = (node, what) => context.report({ node, message: `${what} outside a store: move the query into a store module (store.ts, *-store.ts)` });
    return {
      CallExpression(node) {
        const c = node.callee;
        if (c.type === 'MemberExpression' && c.property.type === 'Identifier' && QUERY_METHODS.has(c.property.name)) say(node, `.${c.property.name}()`);
      },
      TaggedTemplateExpression(node) {
        const t = node.tag;
        const name = t.type === 'Identifier' ? t.name : t.type === 'MemberExpression' && t.object.type === 'Identifier' ? t.object.name : null;
        if (name === 'sql') say(node, 'sql``');
      },
    };
  },
};

const explained = {
  meta: { type: 'problem', docs: { description: 'an exception to a house rule says why' }, schema: [] },
  create(context) {
    return {
      Program() {
        for (const c of context.sourceCode.getAllComments()) {
          if (/eslint-disable/.test(c.value) && /house\//.test(c.value) && !/\s--\s+\S/.test(c.value)) {
            context.report({ loc: c.loc, message: 'an exception to a house rule says why: `// eslint-disable-next-line house/… -- <reason>`' });
          }
        }
      },
    };
  },
};

export default { rules: { floors, 'sql-in-stores': sqlInStores, explained } };
