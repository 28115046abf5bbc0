// Shared plumbing of the staff workspace: the page frame with the staff navigation, form bodies, the one-time
// form key that makes a double submit harmless (the API's idempotent() helper, keyed by a hidden field), the
// administrator guard and the due-time labels of the work lists.
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../http/deps.ts';
import { forbidden, Problem } from '../../http/problem.ts';
import { idempotent, IDEMPOTENCY_HEADER, type Work } from '../../http/idempotency.ts';
import { hasRole, principalKey, type Principal } from '../../identity/core/principal.ts';
import type { WorkCalendar } from '../../calendar/core/index.ts';
import type { FieldError } from '../components.tsx';
import { Layout } from '../layout.tsx';
import { csrfToken, sendPage, type Children } from '../render.tsx';
import { staffOrLogin } from './guard.ts';

/** A parsed urlencoded form body: repeated names (checkboxes) give arrays. */
export type Form = Record<string, string | string[] | undefined>;

export const formOf = (req: FastifyRequest): Form => (req.body && typeof req.body === 'object' ? (req.body as Form) : {});

/** The first value of a field, trimmed ('' when absent). */
export function str(f: Form, name: string): string {
  const v = f[name];
  return (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
}

/** Every value of a repeated field (checkboxes). */
export function all(f: Form, name: string): string[] {
  const v = f[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((s) => s.trim()).filter(Boolean);
}

/** Query string values, as strings. */
export const queryOf = (req: FastifyRequest) => (req.query ?? {}) as Record<string, string | string[] | undefined>;
export const q1 = (req: FastifyRequest, name: string) => str(queryOf(req) as Form, name);

export interface PageOpts {
  status?: number;
  back?: { href: string; label: string };
}

/** Sends a staff page: the layout with navigation and logout; `body` gets the CSRF token for its forms. */
export function staffPage(reply: FastifyReply, p: Principal, title: string, body: (csrf: string) => Children, opts: PageOpts = {}) {
  const csrf = csrfToken(reply);
  return sendPage(reply, <Layout title={title} staff={{ principal: p, csrf }} back={opts.back}>{body(csrf)}</Layout>, opts.status ?? 200);
}

export const ADMIN_BACK = { href: '/can-bo/quan-tri', label: 'Quản trị' };

/**
 * The staff member behind a form post, or a redirect to the login page that comes back to `page` (the page
 * the form was on: after a login, a GET of the post's own URL would lead nowhere).
 */
export function staffOrLoginTo(req: FastifyRequest, reply: FastifyReply, page: string): Principal | null {
  if (req.principal?.kind === 'staff') return req.principal;
  void reply.redirect(`/can-bo/dang-nhap?next=${encodeURIComponent(page)}`, 303);
  return null;
}

/** The administrator behind a page request or (with `page`) a form post (null: redirected to the login
 *  page); 403 for other staff. */
export function adminOrLogin(req: FastifyRequest, reply: FastifyReply, page?: string): Principal | null {
  const p = page ? staffOrLoginTo(req, reply, page) : staffOrLogin(req, reply);
  if (p && !hasRole(p, 'admin')) throw forbidden('Trang này chỉ dành cho quản trị hệ thống.');
  return p;
}

// ── One-time form keys ────────────────────────────────────────────────────────────────────────────────

export const FORM_KEY = '_key';
export const newFormKey = () => `f-${crypto.randomUUID()}`;
const KEY = /^f-[0-9a-f-]{36}$/;

/** A fresh one-time key for each rendering of a form (a re-rendered failed form gets a new one: the failed
 *  attempt stored nothing, and a key already used for a different request would be refused). */
export function KeyField() {
  return <input type="hidden" name={FORM_KEY} value={newFormKey()} />;
}

/**
 * Runs a form's change once: the hidden one-time key is the Idempotency-Key of the API's idempotent() helper,
 * so a second submit of the same form (double click, reload after the POST) replays the first outcome instead
 * of acting again. The CSRF token is not part of the request's content.
 */
export async function onceForm<T>(
  deps: Deps, req: FastifyRequest, reply: FastifyReply, p: Principal,
  work: Work<T>, key: string, content?: unknown,
): Promise<T> {
  if (!KEY.test(key)) throw new Problem(400, 'FORM_KEY_MISSING', 'Biểu mẫu không hợp lệ. Vui lòng tải lại trang và gửi lại.');
  req.headers[IDEMPOTENCY_HEADER] = key;
  const { _csrf: _ignored, ...rest } = formOf(req);
  return idempotent(deps.db, req, reply, principalKey(p), work, content ?? rest);
}

/** A Problem the page shows in its error summary (the rest go to the error page). */
export const isFormProblem = (e: unknown): e is Problem => e instanceof Problem && [403, 409, 422].includes(e.status);

export function Notice({ children, warn }: { children: Children; warn?: boolean }) {
  return <div class={`notice${warn ? ' notice--warn' : ''}`} role="status">{children}</div>;
}

/** The error summary's entry for a form-level error (not tied to one field). */
export const formError = (field: string, message: string): FieldError => ({ field, message });

// ── Due times ─────────────────────────────────────────────────────────────────────────────────────────

/** States whose statutory clock runs, so that a due time can be missed now. */
const RUNNING = new Set([2, 4, 6]);

export type DueLabel = 'late' | 'due-soon' | 'paused' | null;

/** Late (past the due time) or due soon (less than one working day left on the commune's calendar). */
export function dueLabel(state: number, dueAt: Date | string | null, now: Date, cal: WorkCalendar): DueLabel {
  if (state === 5) return 'paused';
  if (!dueAt || !RUNNING.has(state)) return null;
  const due = new Date(dueAt);
  if (+now > +due) return 'late';
  return cal.workingHoursBetween(now, due) < cal.hoursPerWorkingDay ? 'due-soon' : null;
}

export function DueTag({ label }: { label: DueLabel }) {
  if (label === 'late') return <strong class="tag tag--red">Quá hạn</strong>;
  if (label === 'due-soon') return <strong class="tag tag--yellow">Sắp đến hạn</strong>;
  if (label === 'paused') return <strong class="tag tag--grey">Tạm dừng tính thời gian</strong>;
  return null;
}

/** A local path under /can-bo to return to after login (never another site, never the login page itself). */
export function safeNext(next: string | undefined): string {
  const fallback = '/can-bo/ho-so';
  if (!next || next.length > 500) return fallback;
  if (!/^\/can-bo(?:[/?#]|$)/.test(next) || /[\\\s]/.test(next) || next.startsWith('//')) return fallback;
  if (/^\/can-bo\/dang-(nhap|xuat)(?:[/?#]|$)/.test(next)) return fallback;
  return next;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
