// `xaso calendar <year>` and `xaso deadline …`: database-free commands over the calendar module. Each returns the
// process exit code: 0 on success, 2 on bad input (message in Vietnamese, then English).

import { findSeedProcedure } from '../catalogue/seed/index.ts';
import type { ProcedureVersionInput, ProcessingTime } from '../catalogue/core/types.ts';
import { computeDue } from './core/deadline.ts';
import { generateYear, isSupportedYear, SUPPORTED_YEARS } from './core/rules.ts';
import { formatVn, parseVnTime, vnDate } from './core/vn-time.ts';
import { WorkCalendar } from './core/working-time.ts';

type Write = (s: string) => void;
const USAGE_ERROR = 2;

/** Prints the year's exceptional days (holidays, days off, swapped working days) as a JSON array sorted by date. */
export function runCalendarCli(args: string[], out: Write, err: Write = out): number {
  const [arg, ...extra] = args;
  const year = arg !== undefined && /^\d{4}$/.test(arg) ? Number(arg) : NaN;
  if (extra.length > 0 || !isSupportedYear(year)) {
    const { from, to } = SUPPORTED_YEARS;
    err(
      `Năm không hợp lệ: "${args.join(' ')}". Hãy nhập một năm từ ${from} đến ${to}, ví dụ: xaso calendar 2027\n` +
        `Invalid year: "${args.join(' ')}". Give a year from ${from} to ${to}, e.g. xaso calendar 2027`,
    );
    return USAGE_ERROR;
  }
  // generateYear lists no plain weekends; weekend days it lists are holidays (which explain a nghỉ bù) or swapped
  // working days.
  const days = generateYear(year).map(({ date, type, name, source }) => ({ date, type, name, source }));
  out(JSON.stringify(days, null, 2));
  return 0;
}

export interface DeadlineCliDeps {
  /** Procedure lookup (defaults to the shipped seed catalogue). */
  findProcedure?: (code: string, at: Date) => ProcedureVersionInput | undefined;
  /** Working calendar (defaults to the generated national calendar with default office hours). */
  calendar?: WorkCalendar;
  /** Where error messages go (defaults to `out`). */
  err?: Write;
}

const DEADLINE_USAGE =
  'Cách dùng: xaso deadline --received <thời điểm ISO> (--procedure <mã TTHC> | --days N | --hours N) [--online]\n' +
  'Usage: xaso deadline --received <ISO time> (--procedure <code> | --days N | --hours N) [--online]';

class UsageError extends Error {}

/** Prints { receivedAt, startAt, dueAt } (ISO 8601, +07:00) for a dossier received at --received. */
export function runDeadlineCli(args: string[], out: Write, deps: DeadlineCliDeps = {}): number {
  const err = deps.err ?? out;
  try {
    const opts = parseFlags(args);
    const receivedText = opts.get('received');
    if (typeof receivedText !== 'string') throw new UsageError('Thiếu --received. / Missing --received.');
    const receivedAt = parseReceived(receivedText);
    const time = processingTime(opts, receivedAt, deps.findProcedure ?? findSeedProcedure);
    const { startAt, dueAt } = computeDue(receivedAt, time, deps.calendar ?? WorkCalendar.national());
    out(JSON.stringify({ receivedAt: formatVn(receivedAt), startAt: formatVn(startAt), dueAt: formatVn(dueAt) }, null, 2));
    return 0;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`${e.message}\n${DEADLINE_USAGE}`);
    return USAGE_ERROR;
  }
}

const VALUE_FLAGS = new Set(['received', 'procedure', 'days', 'hours']);
const BOOLEAN_FLAGS = new Set(['online']);

function parseFlags(args: string[]): Map<string, string | true> {
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(arg);
    const name = m?.[1] ?? '';
    if (!m || (!VALUE_FLAGS.has(name) && !BOOLEAN_FLAGS.has(name))) {
      throw new UsageError(`Tham số không hợp lệ: "${arg}". / Unknown argument: "${arg}".`);
    }
    if (flags.has(name)) throw new UsageError(`Tham số --${name} bị lặp. / Repeated --${name}.`);
    if (BOOLEAN_FLAGS.has(name)) {
      flags.set(name, true);
      continue;
    }
    const value = m[2] ?? args[++i];
    if (value === undefined || value === '') {
      throw new UsageError(`Thiếu giá trị cho --${name}. / Missing a value for --${name}.`);
    }
    flags.set(name, value);
  }
  return flags;
}

function parseReceived(text: string): Date {
  try {
    return parseVnTime(text);
  } catch {
    throw new UsageError(
      `Thời điểm tiếp nhận không hợp lệ: "${text}". Dùng dạng ISO 8601, ví dụ 2026-11-25T09:00:00+07:00. / ` +
        `Invalid --received time: "${text}". Use ISO 8601, e.g. 2026-11-25T09:00:00+07:00.`,
    );
  }
}

function processingTime(
  flags: Map<string, string | true>,
  receivedAt: Date,
  find: NonNullable<DeadlineCliDeps['findProcedure']>,
): ProcessingTime {
  const chosen = ['procedure', 'days', 'hours'].filter((f) => flags.has(f));
  if (chosen.length !== 1) {
    throw new UsageError('Cần đúng một trong --procedure, --days, --hours. / Give exactly one of --procedure, --days, --hours.');
  }
  const value = flags.get(chosen[0] as string) as string;
  if (chosen[0] === 'procedure') {
    const procedure = find(value, receivedAt);
    if (!procedure) {
      throw new UsageError(
        `Không tìm thấy thủ tục mã "${value}" có hiệu lực ngày ${vnDate(receivedAt)}. / ` +
          `Unknown procedure "${value}" (none in force on ${vnDate(receivedAt)}).`,
      );
    }
    return (flags.has('online') && procedure.onlineProcessingTime) || procedure.processingTime;
  }
  const n = /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n)) {
    throw new UsageError(`Giá trị --${chosen[0]} không hợp lệ: "${value}". / Invalid --${chosen[0]}: "${value}".`);
  }
  return { unit: chosen[0] === 'days' ? 'working_days' : 'working_hours', value: n };
}
