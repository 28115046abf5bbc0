// The keyset cursor of the dossier lists (the JSON inbox and the staff inbox page): the last row's sort key (awaiting
// receipt or not, the time its next step is due, its id; store.ts inbox), as opaque base64url. Pure.

export interface Cursor {
  /** The row awaited receipt (state 1): those come first. */
  awaiting: boolean;
  dueAt: Date | null;
  id: string;
}

/** The cursor after a row of the work list (its `awaiting` and `work_due_at` columns). */
export const cursorAfter = (row: { awaiting: boolean; work_due_at: Date | string | null; id: string }) =>
  encodeCursor(row.awaiting, row.work_due_at === null ? null : new Date(row.work_due_at), row.id);

export const encodeCursor = (awaiting: boolean, dueAt: Date | null, id: string) =>
  Buffer.from(JSON.stringify([dueAt?.toISOString() ?? null, id, ...(awaiting ? [1] : [])])).toString('base64url');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The instants a due time can be: what PostgreSQL stores and a deadline can be (a tampered year 275760 is not). */
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31);

/** The cursor, or null when the text is not one (tampered, truncated or out of range: the route answers 400). */
export function decodeCursor(c: string): Cursor | null {
  if (c.length > 200) return null;
  try {
    const [d, id, awaiting] = JSON.parse(Buffer.from(c, 'base64url').toString()) as [string | null, string, unknown];
    if (typeof id !== 'string' || !UUID.test(id)) return null;
    if (d !== null && typeof d !== 'string') return null;
    const dueAt = d === null ? null : new Date(d);
    if (dueAt && (Number.isNaN(dueAt.getTime()) || dueAt.getTime() < EARLIEST || dueAt.getTime() > LATEST)) return null;
    return { awaiting: awaiting === 1, dueAt, id };
  } catch {
    return null;
  }
}
