// How an error from PostgreSQL becomes an HTTP answer (issue 13): the one place that classifies database errors,
// read by the error handler (problem.ts). The request guards (input-guard.ts, number-bounds.ts) and the services
// should refuse bad input before it reaches the database; what still gets there is classified here, the last line
// of defence, and logged at warn (a 4xx the guards missed is a bug to fix where the input entered).
//
// Classes (SQLSTATE, https://www.postgresql.org/docs/current/errcodes-appendix.html):
// - bad input (class 22 "data exception": 22P02 invalid text representation, 22003 numeric value out of range,
//   22021 character not in repertoire (NUL), 22P05 untranslatable character, 22007/22008 datetime, 22001 string
//   too long …; 54000 program limit exceeded, e.g. an index row too large; 23514 a check constraint) → 400;
// - a one-per-key record written twice at once (23505 unique violation) that its store did not handle → 409;
// - the database unavailable (connection lost, server shutting down: class 08, 57P01–57P03, ECONNREFUSED, a pool
//   that cannot hand out a connection in time …: isDatabaseUnavailable, db/availability.ts) → 503 with Retry-After.
// Pure: no I/O; problem.ts turns the class into a Problem.
import { isDatabaseUnavailable } from '../db/availability.ts';

export interface DbErrorClass {
  status: number;
  /** The stable machine code of the problem. */
  code: string;
  /** The Vietnamese title shown to the caller. */
  title: string;
  /** How the error handler logs it. */
  log: 'warn' | 'error';
}

/** PostgreSQL's error fields that matter here (pg's DatabaseError). */
interface PgLike { code?: unknown; severity?: unknown; routine?: unknown }

/** A server-side PostgreSQL error (SQLSTATE code + severity), not a Node.js system error such as EPIPE. */
export function sqlState(err: unknown): string | null {
  const e = err as PgLike | null;
  if (!e || typeof e !== 'object' || typeof e.code !== 'string') return null;
  if (!/^[0-9A-Z]{5}$/.test(e.code) || typeof e.severity !== 'string') return null;
  return e.code;
}

export const BAD_DATA: DbErrorClass = {
  status: 400, code: 'INVALID_VALUE', log: 'warn',
  title: 'Dữ liệu gửi lên có giá trị không hợp lệ hoặc vượt quá giới hạn cho phép.',
};

export const DUPLICATE: DbErrorClass = {
  status: 409, code: 'ALREADY_EXISTS', log: 'warn',
  title: 'Bản ghi này đã tồn tại (có thể do một yêu cầu khác gửi cùng lúc). Vui lòng tải lại và kiểm tra.',
};

export const UNAVAILABLE: DbErrorClass = {
  status: 503, code: 'DATABASE_UNAVAILABLE', log: 'warn',
  title: 'Hệ thống tạm thời không kết nối được cơ sở dữ liệu, vui lòng thử lại sau ít phút.',
};

/** The class of a database error, or null when `err` is not one this file knows (the handler answers 500). */
export function classifyDbError(err: unknown): DbErrorClass | null {
  if (isDatabaseUnavailable(err)) return UNAVAILABLE; // connection errors (ECONNREFUSED …) have no SQLSTATE
  const state = sqlState(err);
  if (!state) return null;
  if (state.startsWith('22') || state === '54000' || state === '54001' || state === '23514') return BAD_DATA;
  if (state === '23505') return DUPLICATE;
  return null;
}
