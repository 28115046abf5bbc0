// What someone with write access to the database (the owner's login) can do to a dossier's action log: switch the
// append-only triggers off, edit an entry and recompute the chain the old, unkeyed way (sha256, as anyone can), or cut
// the last entry off and move the dossier's head back. The integrity tests check that each is found.
import pg from 'pg';
import { entryHash } from '../../src/dossiers/core/hash-chain.ts';
import { eventEntry } from '../../src/dossiers/store.ts';

async function asOwner<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('BEGIN');
    await c.query('ALTER TABLE dossier_events DISABLE TRIGGER ALL');
    const r = await fn(c);
    await c.query('ALTER TABLE dossier_events ENABLE TRIGGER ALL');
    await c.query('COMMIT');
    return r;
  } catch (e) {
    await c.query('ROLLBACK');
    throw e;
  } finally {
    await c.end();
  }
}

/** Replaces the payload of entry `seq` and recomputes its hash, every later one and the head with unkeyed sha256. `markUnkeyed`:
 *  also marks the rows as version 1 (an attacker who read the code), else leaves the version column alone. */
export async function rewriteUnkeyed(url: string, dossierId: string, seq: number, payload: object, markUnkeyed = false): Promise<void> {
  await asOwner(url, async (c) => {
    const rows = (await c.query('SELECT * FROM dossier_events WHERE dossier_id = $1 ORDER BY seq', [dossierId])).rows;
    let prev: string | null = null;
    for (const r of rows) {
      if (r.seq < seq) {
        prev = r.hash; // the entries before the edit are left as they are
        continue;
      }
      const p = r.seq === seq ? payload : r.payload;
      const hash = entryHash(prev, eventEntry({
        dossierId, seq: r.seq, action: r.action, fromState: r.from_state, toState: r.to_state, actorId: r.actor_id,
        actorRole: r.actor_role, actorUnit: r.actor_unit, at: r.at, payload: p, changes: r.changes, handover: r.handover,
      }));
      await c.query(
        `UPDATE dossier_events SET payload = $1, prev_hash = $2, hash = $3${markUnkeyed ? ', chain_version = 1' : ''} WHERE id = $4`,
        [JSON.stringify(p), prev, hash, r.id],
      );
      prev = hash;
    }
    await c.query('UPDATE dossiers SET last_hash = $1 WHERE id = $2', [prev, dossierId]);
  });
}

/** Deletes the last entry and moves the dossier's head (count and last hash) back to the one before. */
export async function cutLast(url: string, dossierId: string): Promise<number> {
  return asOwner(url, async (c) => {
    const last = (await c.query('SELECT seq, prev_hash FROM dossier_events WHERE dossier_id = $1 ORDER BY seq DESC LIMIT 1', [dossierId])).rows[0];
    await c.query('DELETE FROM dossier_events WHERE dossier_id = $1 AND seq = $2', [dossierId, last.seq]);
    await c.query('UPDATE dossiers SET event_count = $1, last_hash = $2 WHERE id = $3', [last.seq - 1, last.prev_hash, dossierId]);
    return last.seq as number;
  });
}

/** Renames a staff member (and changes their title), as an administrator may. */
export async function rename(url: string, username: string, fullName: string, title: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('UPDATE staff SET full_name = $1, title = $2 WHERE username = $3', [fullName, title, username]);
  } finally {
    await c.end();
  }
}
