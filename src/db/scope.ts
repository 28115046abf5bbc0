// The commune scope of database work (issue 16, migration 048: row-level security). Every connection the application
// pools hand out (appPool, src/db/connect.ts) carries the session setting `xaso.commune`, which the policies read:
//   a commune id  staff and API keys of one commune;
//   ALL ('*')     work that legitimately spans communes: background workers, start-up, the CLI, the citizen portal and
//                 public pages (their queries are scoped by owner or publication), the province roles;
//   NONE ('')     nothing: no tenant row is read or written. PostgreSQL's own default (never set) means the same.
//
// Who wants which: the scope is held in an AsyncLocalStorage. A request enters it in its first hook, with KEEP for a
// session cookie (its lookup reads no tenant-only table) and ALL for an API key (api_keys is a tenant table), and
// src/identity/hooks.ts `scopeHook` pins it to the caller's commune as soon as the caller is known. Outside any request (workers, CLI, tests' own fixtures) there is no store:
// ALL. The HTTP server is started inside NONE (src/app.ts), so a callback of a request that lost its context (fired
// by the server's own I/O) runs with NONE, never wider.
//
// No extra round trip on the hot path: the wanted scope is read when a connection is checked out, and sent only if it
// differs from what that connection already has (remembered per client). A transaction's BEGIN carries it in the same
// message (`BEGIN;SELECT set_config(…)`); a lone statement on a connection of another scope is preceded by one
// `SELECT set_config(…)`. set_config inside a transaction is undone by its rollback: a ROLLBACK, a COMMIT that
// rolled back, or any error forget what the connection has, so the next checkout sets it again.
import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';

export const ALL = '*';
export const NONE = '';
/** Not a scope: "whatever the connection has". Only for a request's authentication (src/app.ts), whose lookups read
 *  tables every scope reads alike (sessions; staff and units are the directory, migration 048 §1b), so that a staff
 *  request does not switch its connection to ALL and back. */
export const KEEP = '\u0000keep';

interface Holder {
  scope: string;
}

const storage = new AsyncLocalStorage<Holder>();

/** The scope a connection checked out now works in. */
export function wantedScope(): string {
  const h = storage.getStore();
  return h ? h.scope : ALL;
}

/** Runs `fn` in `scope` (a fresh holder: pinning inside does not reach the caller). */
export function withScope<T>(scope: string, fn: () => T): T {
  return storage.run({ scope }, fn);
}

/** A request's first hook: everything after `next` (hooks, handler, their async work) shares one holder, `initial`
 *  until pinned (src/identity/hooks.ts). Callback style on purpose: the rest of the chain runs inside `run`. */
export function enterRequestScope(next: () => void, initial: string = ALL): void {
  storage.run({ scope: initial }, next);
}

/** Narrows the current request's holder once the caller is known; false when there is none (not in a request). */
export function pinScope(scope: string): boolean {
  const h = storage.getStore();
  if (!h) return false;
  h.scope = scope;
  return true;
}

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
export const setScopeSql = (scope: string) => `SELECT set_config('xaso.commune', ${literal(scope)}, false)`;

const isBegin = (text: string) => /^\s*(begin|start\s+transaction)\s*;?\s*$/i.test(text);
const isRollback = (text: string) => /^\s*(rollback|abort)\s*;?\s*$/i.test(text);
const isCommit = (text: string) => /^\s*(commit|end)\s*;?\s*$/i.test(text);

interface ScopeState {
  /** What the connection's session has (undefined: unknown, set it). */
  current: string | undefined;
  /** What the present checkout wants (undefined: not checked out through a scoped pool, e.g. onConnect's own SET ROLE). */
  wanted: string | undefined;
}

const states = new WeakMap<object, ScopeState>();

type Query = (...a: unknown[]) => unknown;

/**
 * Makes a pool client scope-aware, once, when the pool creates it (appPool's onConnect). Its `query` then sends the
 * checkout's scope before the first statement that needs it: with BEGIN in one message, else as its own statement.
 * Promise, callback and Submittable (cursor, stream) calls all go through it.
 */
export function scopeClient(client: pg.PoolClient): void {
  if (states.has(client)) return;
  const state: ScopeState = { current: undefined, wanted: undefined };
  states.set(client, state);
  const send = client.query.bind(client) as Query;
  const forget = () => { state.current = undefined; };
  const watch = (text: string | undefined, r: unknown) => {
    if (!(r instanceof Promise)) return r;
    return r.then(
      (res: unknown) => {
        if (text && isCommit(text) && (res as { command?: string } | undefined)?.command === 'ROLLBACK') forget();
        return res;
      },
      (e: unknown) => { forget(); throw e; },
    );
  };
  const query = (...args: unknown[]): unknown => {
    const cb = typeof args[args.length - 1] === 'function' ? (args.pop() as (e: unknown, r?: unknown) => void) : undefined;
    if (cb) {
      (query(...args) as Promise<unknown>).then((r) => cb(undefined, r), (e: unknown) => cb(e));
      return undefined;
    }
    const [q, values] = args;
    const submittable = typeof (q as { submit?: unknown } | null)?.submit === 'function';
    const text = typeof q === 'string' ? q : typeof (q as { text?: unknown } | null)?.text === 'string' ? (q as { text: string }).text : undefined;
    if (text && isRollback(text)) {
      // Never set the scope just before a rollback (it would be undone with the rest); the next statement sets it.
      forget();
      return watch(text, send(...args));
    }
    const wanted = state.wanted;
    if (wanted === undefined || wanted === state.current) return watch(text, send(...args));
    state.current = wanted;
    if (!submittable && text && isBegin(text)) {
      // One message: the transaction and the scope. pg answers with both results; BEGIN's is the one asked for.
      return watch(text, (send(`${text.replace(/;\s*$/, '')};${setScopeSql(wanted)}`) as Promise<unknown>)
        .then((r) => (Array.isArray(r) ? r[0] : r)));
    }
    // pg sends a client's statements in order: the scope, then the statement (a cursor is submitted at once).
    const set = (send(setScopeSql(wanted)) as Promise<unknown>).catch((e: unknown) => { forget(); if (!submittable) throw e; });
    if (submittable) return send(q, values);
    return set.then(() => watch(text, send(...args) as Promise<unknown>));
  };
  client.query = query as typeof client.query;
}

/** Records what a checkout of `client` wants (read in the caller's async context, at checkout). */
export function checkedOut(client: object, wanted: string): void {
  const state = states.get(client);
  if (state) state.wanted = wanted === KEEP ? undefined : wanted;
}

/** What the connection is known to have (tests and measurements). */
export function knownScope(client: object): string | undefined {
  return states.get(client)?.current;
}
