// A request body that passes the route's own validation, made from its OpenAPI schema, so that another commune's
// write reaches the scope check (and not only the validator): required properties only, the first choice of a
// union or enum, the smallest allowed sizes.
type Schema = Record<string, unknown> & {
  type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[];
  enum?: unknown[]; const?: unknown; format?: string; pattern?: string; minLength?: number; maxLength?: number; minimum?: number;
  minItems?: number; default?: unknown;
};

const TEXTS = ['Nội dung thử nghiệm của ma trận phân quyền', 'VHXH', '1', '2026', '2026-11', '2026-12-01', 'a'];

function text(s: Schema): string {
  if (s.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
  if (s.format === 'date') return '2026-12-01';
  if (s.format === 'date-time') return '2026-12-01T09:00:00+07:00';
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? Infinity;
  const fits = (x: string) => x.length >= min && x.length <= max && (!s.pattern || new RegExp(s.pattern).test(x));
  return TEXTS.find(fits) ?? 'x'.repeat(Math.max(1, min));
}

export function sample(s: Schema | undefined): unknown {
  if (!s) return {};
  if ('const' in s) return s.const;
  if (s.enum?.length) return s.enum[0];
  if (s.default !== undefined) return s.default;
  const union = s.anyOf ?? s.oneOf;
  if (union?.length) return sample(union.find((u) => u.type !== 'null') ?? union[0]);
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  switch (type) {
    case 'object': return Object.fromEntries((s.required ?? []).map((k) => [k, sample(s.properties?.[k])]));
    case 'array': return Array.from({ length: s.minItems ?? 0 }, () => sample(s.items));
    case 'string': return text(s);
    case 'integer': case 'number': return Math.max(s.minimum ?? 1, 1);
    case 'boolean': return false;
    default: return s.properties ? sample({ ...s, type: 'object' }) : {};
  }
}

/** The JSON request body schemas of the OpenAPI document, by "METHOD /fastify/:path". */
export function bodySchemas(doc: { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>> }) {
  const out = new Map<string, Schema>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const schema = op.requestBody?.content?.['application/json']?.schema;
      if (schema) out.set(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, schema);
    }
  }
  return out;
}
