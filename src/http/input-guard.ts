// The request-level input guard (issue 13, finding 6): text PostgreSQL cannot store never reaches a handler.
// A NUL character (U+0000) is refused by PostgreSQL in `text` and in `jsonb` (22021 / 22P05), and a lone UTF-16
// surrogate is not a character at all (it cannot be encoded in UTF-8, so jsonb refuses it and a stored response
// replays broken). Both are refused here, once, for every route: in the body (JSON or form), the query string, the
// path parameters and the headers, with 400 INVALID_CHARACTERS naming the field. Bodies nested deeper than
// MAX_DEPTH are refused too (400 TOO_DEEP): nothing the platform accepts is that deep, and a deep structure would
// overflow the stack of the recursive steps after this one (validation, JSON.stringify of a stored response).
// A number that is not finite (Ajv's coercion of the text "Infinity") is refused after validation (400
// VALIDATION_FAILED). Pure functions plus the Fastify hooks; the numeric bounds of the schemas are set in `number-bounds.ts`.
//
// Multipart bodies are read by the handlers (req.file(), req.parts()), after these hooks: the hook wraps those
// readers of the request, so that a file whose name holds a control character (NUL included) or a lone surrogate is
// refused with 400 INVALID_FILE_NAME, and a form field with NUL or a lone surrogate with 400 INVALID_CHARACTERS,
// whichever route reads it (issue 13). A portal form turns the first into a message next to the file field
// (web/portal/upload.ts).
import type { FastifyRequest } from 'fastify';
import type { Multipart } from '@fastify/multipart';
import { Problem } from './problem.ts';

/** The deepest structure a request body may have (objects and arrays, the top level counting as 1). */
export const MAX_DEPTH = 32;

/** A NUL character or an unpaired surrogate (a high one not followed by a low one, or a low one alone). */
// eslint-disable-next-line no-control-regex
const BAD = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const hasBadCharacters = (s: string) => BAD.test(s);

export type Finding = { kind: 'characters' | 'depth' | 'number'; path: string };

/**
 * The first string (value or key) of `value` with a NUL or a lone surrogate, or the first place deeper than
 * `maxDepth`; null if there is none. Iterative, so that a hostile depth cannot overflow the stack here.
 */
export function findBadInput(value: unknown, root: string, maxDepth = MAX_DEPTH): Finding | null {
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: root, depth: 0 }];
  while (stack.length) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (hasBadCharacters(v)) return { kind: 'characters', path };
      continue;
    }
    // JSON cannot carry them: after validation, a non-finite number is Ajv's coercion of "Infinity" or "-Infinity",
    // which its own minimum/maximum checks then skip (they test only finite numbers).
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return { kind: 'number', path };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (Buffer.isBuffer(v)) continue;
    if (depth + 1 > maxDepth) return { kind: 'depth', path };
    const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v as Record<string, unknown>);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [k, x] = entries[i]!;
      const p = `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (hasBadCharacters(k)) return { kind: 'characters', path: p };
      stack.push({ v: x, path: p, depth: depth + 1 });
    }
  }
  return null;
}

/** The field as a person reads it: "/body/applicant/name" → "applicant.name" (the JSON pointer stays in `errors`). */
const fieldName = (path: string) => path.split('/').slice(2).join('.') || path.split('/')[1] || '';

export function invalidCharacters(path: string): Problem {
  const field = fieldName(path);
  return new Problem(400, 'INVALID_CHARACTERS',
    `Trường "${field}" chứa ký tự không hợp lệ (ký tự rỗng hoặc ký tự Unicode không hoàn chỉnh). Vui lòng nhập lại.`,
    undefined, [{ path, message: 'Chứa ký tự không hợp lệ' }]);
}

export function tooDeep(path: string): Problem {
  return new Problem(400, 'TOO_DEEP', `Dữ liệu gửi lên lồng nhau quá ${MAX_DEPTH} cấp.`, undefined,
    [{ path, message: 'Lồng nhau quá sâu' }]);
}

export function notANumber(path: string): Problem {
  return new Problem(400, 'VALIDATION_FAILED', 'Dữ liệu gửi lên không hợp lệ.', undefined,
    [{ path, message: 'Số không hợp lệ (phải là một số hữu hạn)' }]);
}

const problemOf = (f: Finding) =>
  f.kind === 'characters' ? invalidCharacters(f.path) : f.kind === 'depth' ? tooDeep(f.path) : notANumber(f.path);

/** The problem a request's input raises, or null: body, query, params and headers, in that order. */
export function checkRequest(req: Pick<FastifyRequest, 'body' | 'query' | 'params' | 'headers'>): Problem | null {
  const parts: [string, unknown][] = [['body', req.body], ['query', req.query], ['params', req.params], ['headers', req.headers]];
  for (const [where, value] of parts) {
    const f = findBadInput(value, `/${where}`);
    if (f) return problemOf(f);
  }
  return null;
}

// ── Multipart ──────────────────────────────────────────────────────────────────────────────────────────

/** A C0 control character (U+0000–U+001F) or DEL: no file name holds one (a NUL cut names short in C and in
 *  PostgreSQL; CR and LF split the Content-Disposition header a download sends it back in). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export const badFileName = (name: string) => CONTROL.test(name) || hasBadCharacters(name);

/** A field name as it may be shown (its bad characters replaced). */
const shownField = (name: string) => name.replace(/[\u0000-\u001f\u007f\uD800-\uDFFF]/g, '?'); // eslint-disable-line no-control-regex

export function invalidFileName(field: string): Problem {
  return new Problem(400, 'INVALID_FILE_NAME',
    'Tên tệp chứa ký tự không hợp lệ (ký tự điều khiển hoặc ký tự rỗng). Hãy đổi tên tệp rồi gửi lại.',
    undefined, [{ path: `/body/${shownField(field)}`, message: 'Tên tệp chứa ký tự không hợp lệ' }]);
}

/** The problem one part of a multipart body raises, or null: its field name, a file's name, a field's value. */
export function checkPart(part: Pick<Multipart, 'type' | 'fieldname'> & { filename?: string; value?: unknown }): Problem | null {
  if (hasBadCharacters(part.fieldname)) return invalidCharacters(`/body/${shownField(part.fieldname)}`);
  if (part.type === 'file') return badFileName(part.filename ?? '') ? invalidFileName(part.fieldname) : null;
  return typeof part.value === 'string' && hasBadCharacters(part.value) ? invalidCharacters(`/body/${part.fieldname}`) : null;
}

function refuseBad(part: Multipart): void {
  const p = checkPart(part);
  if (!p) return;
  if (part.type === 'file') part.file.resume(); // the refused file's bytes are read and dropped, not left in the socket
  throw p;
}

/** Wraps the multipart readers of this request (@fastify/multipart's file(), files(), parts()) with checkPart. */
export function guardMultipart(req: FastifyRequest): void {
  if (typeof req.isMultipart !== 'function' || !req.isMultipart()) return;
  const { file, files, parts } = req;
  req.file = async (o) => {
    const part = await file.call(req, o);
    if (part) refuseBad(part);
    return part;
  };
  req.files = async function* (o) {
    for await (const part of files.call(req, o)) {
      refuseBad(part);
      yield part;
    }
  };
  req.parts = async function* (o) {
    for await (const part of parts.call(req, o)) {
      refuseBad(part);
      yield part;
    }
  };
}

/** The Fastify hook (preValidation, after the authentication guard: an anonymous caller still gets 401 first). */
export async function inputGuardHook(req: FastifyRequest) {
  const p = checkRequest(req);
  if (p) throw p;
  guardMultipart(req);
}

/** The Fastify hook after validation (preHandler): the coerced values are checked again (non-finite numbers). */
export async function validatedInputHook(req: FastifyRequest) {
  const p = checkRequest(req);
  if (p) throw p;
}
