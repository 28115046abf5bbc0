// Sane bounds for every number a request may carry (issue 13, finding 6). A route schema's `Type.Integer()` or
// `Type.Number()` without bounds lets 1e308 or 2^70 through to PostgreSQL, which refuses it (22003) as a server
// error. At registration (Fastify's onRoute), every integer or number of a request schema (body, query string,
// path parameters, headers) that has no bound of its own gets one: integers those of PostgreSQL's `integer` (the
// type of every counted or numbered column: years, periods, ids of small tables), other numbers ±10^15 (far above
// any amount in đồng, exact in a double). A bound the schema states is kept. The OpenAPI document shows the bounds.
// Pure: it edits the schema objects in place (they are plain JSON Schema), so validation and documentation agree.

export const INT_MIN = -2147483648;
export const INT_MAX = 2147483647;
export const NUMBER_LIMIT = 1e15;

type Schema = Record<string, unknown>;

const isSchema = (s: unknown): s is Schema => !!s && typeof s === 'object' && !Array.isArray(s);

function boundOne(s: Schema) {
  const types = Array.isArray(s.type) ? s.type : [s.type];
  const integer = types.includes('integer');
  if (!integer && !types.includes('number')) return;
  const [lo, hi] = integer ? [INT_MIN, INT_MAX] : [-NUMBER_LIMIT, NUMBER_LIMIT];
  if (s.maximum === undefined && s.exclusiveMaximum === undefined) s.maximum = hi;
  if (s.minimum === undefined && s.exclusiveMinimum === undefined) s.minimum = lo;
}

const CHILDREN = ['properties', 'patternProperties', '$defs', 'definitions'] as const;
const SUBSCHEMAS = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames'] as const;
const LISTS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'] as const;

/** Bounds every unbounded integer and number of a JSON Schema, however nested. */
export function boundNumbers(schema: unknown, seen = new Set<unknown>()): void {
  if (!isSchema(schema) || seen.has(schema)) return;
  seen.add(schema);
  boundOne(schema);
  for (const k of CHILDREN) {
    const c = schema[k];
    if (isSchema(c)) for (const v of Object.values(c)) boundNumbers(v, seen);
  }
  for (const k of SUBSCHEMAS) {
    const c = schema[k];
    if (Array.isArray(c)) c.forEach((x) => boundNumbers(x, seen));
    else boundNumbers(c, seen);
  }
  for (const k of LISTS) {
    const c = schema[k];
    if (Array.isArray(c)) c.forEach((x) => boundNumbers(x, seen));
  }
}

/** The onRoute hook: bounds the request parts of a route's schema. */
export function boundRequestNumbers(route: { schema?: unknown }) {
  const s = route.schema as Schema | undefined;
  if (!s) return;
  for (const part of ['body', 'querystring', 'params', 'headers']) boundNumbers(s[part]);
}
