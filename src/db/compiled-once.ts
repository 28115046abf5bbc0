// A hot statement built and compiled once per shape, not per request (issue 16, the lean intake). Building a Kysely
// query and compiling it costs about 0.1 ms of the server's one thread for the dossier's statement with its CTEs
// (measured: 129 µs a time under load, `writeLogged`). The values of such a statement come in named groups of columns
// (`{ ev: {…}, row: {…} }`); the first time a shape (the groups and their columns, in order) is seen, the query is
// built with a marker in place of each value and compiled; the SQL text is kept with the order in which the values
// fill its parameters. Later calls of that shape only put the values in that order.
// A value that is itself SQL (a Kysely expression) cannot be a parameter: such a call is built and compiled as usual.
import { CompiledQuery, type Compilable } from 'kysely';

export type ValueGroups = Record<string, Record<string, unknown>>;

const MARK = '\u0000xaso\u0000';
const shapes = new Map<string, { sql: string; order: (readonly [string, string])[] } | null>();
/** Shapes are few (the writes of the action table); the memo starts over past this, as a guard. */
const MAX_SHAPES = 2_000;

const isExpression = (v: unknown) => typeof v === 'object' && v !== null && 'toOperationNode' in v;

/** The groups without their undefined values (Kysely leaves those columns out). */
function defined(groups: ValueGroups): ValueGroups {
  return Object.fromEntries(Object.entries(groups).map(([g, o]) => [g, Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined))]));
}

/** The compiled query of `build(groups)`, its SQL compiled once per `name` and shape of `groups`. */
export function compiledOnce(name: string, raw: ValueGroups, build: (groups: ValueGroups) => Compilable): CompiledQuery {
  const groups = defined(raw);
  const key = name + JSON.stringify(Object.entries(groups).map(([g, o]) => [g, Object.keys(o)]));
  let shape = shapes.get(key);
  if (shape === undefined) {
    shape = null;
    if (!Object.values(groups).some((o) => Object.values(o).some(isExpression))) {
      const marked = Object.fromEntries(Object.entries(groups).map(([g, o]) => [g, Object.fromEntries(Object.keys(o).map((c) => [c, `${MARK}${g}${MARK}${c}`]))]));
      const c = build(marked).compile();
      const order = c.parameters.map((p) => (typeof p === 'string' && p.startsWith(MARK) ? (p.slice(MARK.length).split(MARK) as [string, string]) : null));
      // A parameter that is no value of the groups (a constant of the builder) would be lost: not kept.
      if (order.every((o) => o !== null)) shape = { sql: c.sql, order: order as [string, string][] };
    }
    if (shapes.size >= MAX_SHAPES) shapes.clear();
    shapes.set(key, shape);
  }
  if (!shape) return build(groups).compile();
  return CompiledQuery.raw(shape.sql, shape.order.map(([g, c]) => groups[g]![c]));
}
