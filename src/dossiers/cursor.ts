// The keyset cursor of the dossier lists (the JSON inbox and the staff inbox page): the last row's due time and
// id, as opaque base64url. Pure.

export interface Cursor {
  dueAt: Date | null;
  id: string;
}

export const encodeCursor = (dueAt: Date | null, id: string) =>
  Buffer.from(JSON.stringify([dueAt?.toISOString() ?? null, id])).toString('base64url');

/** The cursor, or null when the text is not one (tampered or truncated). */
export function decodeCursor(c: string): Cursor | null {
  try {
    const [d, id] = JSON.parse(Buffer.from(c, 'base64url').toString()) as [string | null, string];
    if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id)) return null;
    const dueAt = d === null ? null : new Date(d);
    if (dueAt && Number.isNaN(dueAt.getTime())) return null;
    return { dueAt, id };
  } catch {
    return null;
  }
}
