// RFC 9457 problem details: every API error has a stable machine code and a Vietnamese title.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { UNAVAILABLE, classifyDbError } from './pg-errors.ts';
import { RETRY_AFTER_SECONDS } from '../db/availability.ts';
import { VaultError } from '../vault/core/envelope.ts';

export interface FieldError {
  path: string;
  message: string;
}

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
  ) {
    super(`${code}: ${title}`);
  }
}

export const idempotencyKeyRequired = () =>
  new Problem(400, 'IDEMPOTENCY_KEY_REQUIRED', 'Thiếu hoặc sai khóa chống trùng lặp (Idempotency-Key: 8–128 ký tự chữ, số, . _ : -).');
export const notFound = (what: string) => new Problem(404, 'NOT_FOUND', `Không tìm thấy ${what}.`);
export const forbidden = (detail?: string) =>
  new Problem(403, 'FORBIDDEN', 'Bạn không có quyền thực hiện thao tác này.', detail);
export const unauthenticated = () => new Problem(401, 'UNAUTHENTICATED', 'Bạn cần đăng nhập để tiếp tục.');

// Ajv keyword → Vietnamese explanation.
const keywordVi: Record<string, string> = {
  required: 'Thiếu trường bắt buộc',
  type: 'Sai kiểu dữ liệu',
  format: 'Sai định dạng',
  pattern: 'Sai định dạng',
  enum: 'Giá trị không nằm trong danh sách cho phép',
  const: 'Giá trị không được phép',
  minLength: 'Quá ngắn',
  maxLength: 'Quá dài',
  minimum: 'Giá trị quá nhỏ',
  maximum: 'Giá trị quá lớn',
  minItems: 'Quá ít phần tử',
  maxItems: 'Quá nhiều phần tử',
  additionalProperties: 'Trường không được phép',
  anyOf: 'Giá trị không hợp lệ',
};

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  /** With Ajv's `verbose` option: the schema that holds the failed keyword. */
  parentSchema?: Record<string, unknown>;
}

/**
 * A schema may carry the messages its failures show, by keyword: `{ 'x-messages': { pattern: '…', required: '…' } }`
 * (the applicant's fields do, so that the API says what the forms say). For `required`, the message is the missing
 * property's own.
 */
export const MESSAGES_KEYWORD = 'x-messages';
function schemaMessage(e: AjvError): string | undefined {
  const own = (s: unknown) => (s && typeof s === 'object' ? (s as Record<string, unknown>)[MESSAGES_KEYWORD] as Record<string, string> | undefined : undefined);
  if (e.keyword === 'required') {
    const props = e.parentSchema?.properties as Record<string, unknown> | undefined;
    return own(props?.[String(e.params.missingProperty)])?.required;
  }
  return own(e.parentSchema)?.[e.keyword];
}

function fieldErrors(context: string | undefined, errors: AjvError[]): FieldError[] {
  return errors.map((e) => {
    const extra =
      e.keyword === 'required' ? String(e.params.missingProperty)
      : e.keyword === 'additionalProperties' ? String(e.params.additionalProperty)
      : e.keyword === 'format' ? `cần ${String(e.params.format)}`
      : '';
    const base = `/${context ?? 'body'}${e.instancePath}`;
    const path = e.keyword === 'required' || e.keyword === 'additionalProperties' ? `${base}/${extra}` : base;
    const custom = schemaMessage(e);
    return { path, message: custom ?? `${keywordVi[e.keyword] ?? 'Giá trị không hợp lệ'}${extra ? ` (${extra})` : ''}` };
  });
}

function toProblem(err: FastifyError | Problem | Error): Problem {
  if (err instanceof Problem) return err;
  const db = classifyDbError(err);
  if (db) return new Problem(db.status, db.code, db.title);
  // A file whose encryption key is missing or wrong is never served as other bytes (src/vault/).
  if (err instanceof VaultError) {
    return new Problem(503, 'FILE_KEY_UNAVAILABLE', 'Không mở được tệp đính kèm do thiếu hoặc sai khóa mã hóa. Vui lòng báo quản trị hệ thống.');
  }
  const fe = err as FastifyError & { validation?: AjvError[]; validationContext?: string };
  if (fe.validation && fe.validationContext === 'headers' && JSON.stringify(fe.validation).includes('idempotency-key')) {
    return idempotencyKeyRequired();
  }
  if (fe.validation) {
    return new Problem(400, 'VALIDATION_FAILED', 'Dữ liệu gửi lên không hợp lệ.', undefined,
      fieldErrors(fe.validationContext, fe.validation));
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
      return new Problem(413, 'PAYLOAD_TOO_LARGE', 'Dữ liệu hoặc tệp gửi lên quá lớn.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new Problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Kiểu nội dung không được hỗ trợ.');
    case 'FST_ERR_BAD_URL':
      return new Problem(400, 'BAD_URL', 'Địa chỉ yêu cầu không hợp lệ.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new Problem(400, 'MALFORMED_JSON', 'Nội dung JSON không đọc được.');
  }
  if (fe.statusCode === 429) return new Problem(429, 'TOO_MANY_REQUESTS', 'Bạn thao tác quá nhanh, vui lòng thử lại sau.');
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new Problem(fe.statusCode, 'BAD_REQUEST', 'Yêu cầu không hợp lệ.');
  }
  return new Problem(500, 'INTERNAL_ERROR', 'Hệ thống gặp lỗi, vui lòng thử lại sau.');
}

export function problemBody(p: Problem, instance: string) {
  return {
    type: `/problems/${p.code.toLowerCase().replace(/_/g, '-')}`,
    title: p.title,
    status: p.status,
    code: p.code,
    ...(p.detail ? { detail: p.detail } : {}),
    ...(p.errors ? { errors: p.errors } : {}),
    instance,
  };
}

/**
 * A page whose form has an error summary shows a 400 with field errors (INVALID_CHARACTERS, TOO_DEEP, …) in it,
 * instead of the error page, by naming a renderer in its route's config: `{ config: { formError } }`. The problem's
 * `errors[].path` names the field (`/body/<name>`).
 */
export type FormErrorRenderer = (request: FastifyRequest, reply: FastifyReply, problem: Problem) => unknown;
declare module 'fastify' {
  interface FastifyContextConfig {
    formError?: FormErrorRenderer;
  }
}

type HtmlErrorRenderer = (reply: FastifyReply, status: number, title: string, detail?: string) => unknown;
let htmlError: HtmlErrorRenderer | null = null;

/** Pages (anything outside /api) show errors as an HTML page; the web edge provides it. */
export function setHtmlErrorRenderer(fn: HtmlErrorRenderer) {
  htmlError = fn;
}

const isApi = (url: string) => url.startsWith('/api/') || url === '/health' || url === '/openapi.json';

export function sendProblem(reply: FastifyReply, request: FastifyRequest, err: FastifyError | Problem | Error) {
  const p = toProblem((err as FastifyError).code === 'FST_CSRF_INVALID_TOKEN' || (err as FastifyError).code === 'FST_CSRF_MISSING_SECRET'
    ? new Problem(403, 'CSRF_INVALID', 'Phiên làm việc của biểu mẫu đã hết hạn. Vui lòng tải lại trang và gửi lại.')
    : err);
  const db = classifyDbError(err);
  if (p.code === UNAVAILABLE.code) reply.header('Retry-After', String(RETRY_AFTER_SECONDS));
  // Only the SQLSTATE and the object named: PostgreSQL's message may quote the value sent (personal data).
  if (db) request.log[db.log]({ sqlState: (err as { code?: string }).code, table: (err as { table?: string }).table, constraint: (err as { constraint?: string }).constraint }, `database error answered ${p.status}`);
  else if (p.status >= 500) request.log.error({ err }, 'unhandled error');
  if (!isApi(request.url)) {
    const formError = request.routeOptions?.config?.formError;
    if (formError && p.status === 400 && p.errors?.length) return formError(request, reply, p);
    if (htmlError) return htmlError(reply, p.status, p.title, p.detail);
  }
  return reply
    .code(p.status)
    .type('application/problem+json; charset=utf-8')
    .send(problemBody(p, request.url.split('?')[0] ?? ''));
}
