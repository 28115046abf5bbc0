// Multi-host connection strings, as libpq reads them and as `pg_autoctl show uri --formation default` prints them:
// postgresql://user:pw@h1:5432,h2:5433/xaso?target_session_attrs=read-write
// node-postgres (pg 8.x, pg-connection-string 2.x) does not parse them: `new URL()` refuses the comma list of
// host:port pairs and `host` alone would be the literal "h1,h2" (brianc/node-postgres#2781 is open; multi-host
// support, PR #3643, is not merged). This file holds the smallest part of libpq's behaviour the server needs: the
// hosts are tried in turn and a connection is kept on the first one whose session has the asked attributes
// (PostgreSQL docs, libpq §34.1.1.3 "Specifying Multiple Hosts", `target_session_attrs`). A new connection of a pool
// thus reaches whichever node is primary now; a failover needs no change of configuration.
import pg from 'pg';

export type TargetSessionAttrs = 'any' | 'read-write' | 'read-only' | 'primary' | 'standby' | 'prefer-standby';
const ATTRS: readonly TargetSessionAttrs[] = ['any', 'read-write', 'read-only', 'primary', 'standby', 'prefer-standby'];

export interface HostPort { host: string; port: number }

export interface MultiHost {
  hosts: HostPort[];
  attrs: TargetSessionAttrs;
  /** The same connection string on one of the hosts, without target_session_attrs (a single-host URL pg reads). */
  single(i: number): string;
}

/** What a session reports about itself (`pg_is_in_recovery()`, `default_transaction_read_only`). */
export interface SessionState { inRecovery: boolean; readOnly: boolean }

/** Whether a session with this state is acceptable for `attrs` (prefer-standby's second pass takes 'any'). */
export function qualifies(attrs: TargetSessionAttrs, s: SessionState): boolean {
  switch (attrs) {
    case 'any': return true;
    case 'read-write': return !s.inRecovery && !s.readOnly;
    case 'read-only': return s.inRecovery || s.readOnly;
    case 'primary': return !s.inRecovery;
    case 'standby':
    case 'prefer-standby': return s.inRecovery;
  }
}

const SCHEME = /^(postgres(?:ql)?:\/\/)([^@/?#]*@)?([^/?#]*)(.*)$/i;

/** The host list of a URL's authority: `h1:5432,h2`, `[::1]:5433,h3:5434`; a host without a port takes the default
 *  port (the next listed port is not borrowed: libpq's rule for URLs). */
function hostsOf(authority: string): HostPort[] {
  return authority.split(',').map((part) => {
    const m = /^(\[[^\]]+\]|[^:]*)(?::(\d+))?$/.exec(part.trim());
    if (!m || !m[1]) throw new Error(`Địa chỉ máy chủ PostgreSQL không hợp lệ trong chuỗi kết nối: "${part}"`);
    return { host: decodeURIComponent(m[1].replace(/^\[|\]$/g, '')), port: m[2] ? Number(m[2]) : 5432 };
  });
}

/**
 * The hosts and attributes of a multi-host URL; null for a URL with one host and no target_session_attrs (pg reads
 * those itself). A single host with target_session_attrs is handled here too, so the attribute is checked.
 */
export function parseMultiHost(url: string): MultiHost | null {
  const m = SCHEME.exec(url);
  if (!m) return null;
  const [, scheme, userinfo = '', authority = '', rest = ''] = m as unknown as [string, string, string | undefined, string | undefined, string | undefined];
  const qAt = rest.indexOf('?');
  const path = qAt < 0 ? rest : rest.slice(0, qAt);
  const params = new URLSearchParams(qAt < 0 ? '' : rest.slice(qAt + 1));
  const given = params.get('target_session_attrs');
  if (!authority.includes(',') && given === null) return null;
  const attrs = (given ?? 'any') as TargetSessionAttrs;
  if (!ATTRS.includes(attrs)) {
    throw new Error(`target_session_attrs không hợp lệ: "${given}" (any, read-write, read-only, primary, standby, prefer-standby)`);
  }
  params.delete('target_session_attrs');
  const query = params.toString();
  const hosts = hostsOf(authority);
  return {
    hosts,
    attrs,
    single(i: number) {
      const h = hosts[i]!;
      const host = h.host.includes(':') ? `[${h.host}]` : encodeURIComponent(h.host);
      return `${scheme}${userinfo}${host}:${h.port}${path}${query ? `?${query}` : ''}`;
    },
  };
}

/** Same server(s), another database name; for a multi-host URL too. */
export function withDatabaseName(url: string, name: string): string {
  const m = SCHEME.exec(url);
  if (!m) throw new Error('Chuỗi kết nối PostgreSQL không hợp lệ');
  const rest = m[4] ?? '';
  const qAt = rest.indexOf('?');
  const query = qAt < 0 ? '' : rest.slice(qAt);
  return `${m[1]}${m[2] ?? ''}${m[3] ?? ''}/${encodeURIComponent(name)}${query}`;
}

/** The database name of a connection string (single or multi-host). */
export function databaseNameOf(url: string): string {
  const rest = SCHEME.exec(url)?.[4] ?? '';
  const path = rest.split('?')[0] ?? '';
  return decodeURIComponent(path.replace(/^\//, ''));
}

/** An error that means "no node is there for this session" (counted as "database unavailable": 08001). */
function noHost(mh: MultiHost, causes: unknown[]): Error {
  const list = mh.hosts.map((h) => `${h.host}:${h.port}`).join(', ');
  return Object.assign(
    new Error(`Không kết nối được máy chủ PostgreSQL nào phù hợp (${mh.attrs}) trong ${list} / no host matched target_session_attrs=${mh.attrs}`),
    { code: '08001', errors: causes },
  );
}

const STATE_SQL = "SELECT pg_is_in_recovery() AS in_recovery, current_setting('default_transaction_read_only') = 'on' AS read_only";

async function stateOf(c: pg.Client): Promise<SessionState> {
  const r = await c.query<{ in_recovery: boolean; read_only: boolean }>(STATE_SQL);
  return { inRecovery: r.rows[0]!.in_recovery, readOnly: r.rows[0]!.read_only };
}

/** Where the last good host of each list was found: the next scan starts there (a dead host on a real network costs
 *  a timeout; the old primary stays dead for a while after a failover). */
const lastGood = new Map<string, number>();

/**
 * The index of the host to connect to, found by connecting to each in turn (from the last good one) and asking the
 * session's state; prefer-standby takes any host answering when none is a standby. Throws 08001 when none qualifies.
 */
export async function pickHost(mh: MultiHost, timeoutMs = 5000): Promise<number> {
  const key = mh.hosts.map((h) => `${h.host}:${h.port}`).join(',');
  const start = lastGood.get(key) ?? 0;
  const causes: unknown[] = [];
  let fallback = -1;
  for (let k = 0; k < mh.hosts.length; k++) {
    const i = (start + k) % mh.hosts.length;
    const c = new pg.Client({ connectionString: mh.single(i), connectionTimeoutMillis: timeoutMs });
    c.on('error', () => {}); // a probe dying is only a failed probe
    try {
      await c.connect();
      const s = await stateOf(c);
      if (qualifies(mh.attrs, s)) {
        lastGood.set(key, i);
        return i;
      }
      if (fallback < 0 && mh.attrs === 'prefer-standby') fallback = i;
      causes.push(new Error(`${mh.hosts[i]!.host}:${mh.hosts[i]!.port} ${s.inRecovery ? 'in recovery' : 'primary'}${s.readOnly ? ', read-only' : ''}`));
    } catch (e) {
      causes.push(e);
    } finally {
      await c.end().catch(() => {});
    }
  }
  if (fallback >= 0) return fallback;
  throw noHost(mh, causes);
}

/** The single-host URL of the node that qualifies now (the URL itself when it names one host and no attributes):
 *  for one-off clients (migrations, backups) that need not follow a later failover. */
export async function resolveUrl(url: string, timeoutMs?: number): Promise<string> {
  const mh = parseMultiHost(url);
  return mh ? mh.single(await pickHost(mh, timeoutMs)) : url;
}

/**
 * The pg Client class a pool uses for a multi-host URL (pg-pool's `Client` option): each new connection picks its host
 * with pickHost(), connects there, and checks again on its own session that the node still qualifies (a failover can
 * come between the two); a connection to a node that no longer qualifies is closed and fails with 08001. Undefined
 * for a single-host URL: pg's own Client.
 */
export function multiHostClient(url: string): typeof pg.Client | undefined {
  const mh = parseMultiHost(url);
  if (!mh) return undefined;
  const baseConnect = pg.Client.prototype.connect as (this: pg.Client) => Promise<unknown>;
  class MultiHostClient extends pg.Client {}
  const connect = function (this: pg.Client, callback?: (err: Error | undefined) => void): Promise<void> | undefined {
    const run = (async () => {
      const i = await pickHost(mh);
      const self = this as unknown as { host: string; port: number; connectionParameters: { host: string; port: number } };
      self.host = self.connectionParameters.host = mh.hosts[i]!.host;
      self.port = self.connectionParameters.port = mh.hosts[i]!.port;
      await baseConnect.call(this);
      if (mh.attrs !== 'any' && mh.attrs !== 'prefer-standby' && !qualifies(mh.attrs, await stateOf(this))) {
        await this.end().catch(() => {});
        throw noHost(mh, []);
      }
    })();
    if (!callback) return run;
    run.then(() => callback(undefined), callback);
    return undefined;
  };
  (MultiHostClient.prototype as unknown as { connect: typeof connect }).connect = connect;
  return MultiHostClient;
}
