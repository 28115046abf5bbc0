// The security self-check's service: gathers the facts (the database through store.ts and ops-events-store.ts, the
// signed checkpoints in their folder, the configuration, the request itself) and lets the core decide each control.
// Backups, drills and key rotations are the installation's (one database), so every administrator sees the same;
// the administrators without a second factor are those of the reader's scope (their commune, or their province for
// the province-level role).
import fs from 'node:fs';
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../http/deps.ts';
import { hasRole, type Principal } from '../identity/core/principal.ts';
import { LOGIN_IP_POLICY, LOGIN_USER_POLICY } from '../identity/staff/lockout.ts';
import { MIN_PASSWORD } from '../org/admin.ts';
import { lastOpsEvent, type OpsEventKind } from '../shared/ops-events-store.ts';
import { checkpointDirectory, latestForVerification } from '../integrity/checkpoints.ts';
import { trustProxyFrom } from '../config.ts';
import { ACCESS_LOG, HISTORY_TRAILS, selfCheck, type OpsFact, type SecurityFacts, type SelfCheck } from './core/controls.ts';
import { adminAccounts, lastLogEntryAt, runtimeLogin, trailGuards } from './store.ts';

async function opsFact(db: Deps['db'], kind: OpsEventKind): Promise<OpsFact> {
  const [ok, any] = await Promise.all([lastOpsEvent(db, kind, true), lastOpsEvent(db, kind, false)]);
  return { lastOk: ok ? new Date(ok.at) : null, lastAttempt: any ? { at: new Date(any.at), ok: any.ok } : null };
}

const CHECKPOINT_FILE = /^checkpoint-.*\.json$/;

/** The latest valid checkpoint's time and the newer invalid files; with no checkpoint file at all, no key is read
 *  (nor made: the key store makes a missing key at its first use). */
export function checkpointFacts(env: NodeJS.ProcessEnv): Omit<SecurityFacts['checkpoints'], 'lastEntryAt'> {
  const dir = checkpointDirectory(env);
  try {
    if (!fs.existsSync(dir) || !fs.readdirSync(dir).some((f) => CHECKPOINT_FILE.test(f))) return { latestAt: null, invalid: 0, unreadable: null };
    const l = latestForVerification(env);
    return { latestAt: l.checkpoint ? new Date(l.checkpoint.createdAt) : null, invalid: l.invalid.length, unreadable: null };
  } catch (e) {
    const code = (e as { code?: string }).code;
    return { latestAt: null, invalid: 0, unreadable: `Không đọc được điểm kiểm tra trong ${dir} hoặc khóa kiểm tra chữ ký${code ? ` (mã lỗi ${code})` : ''}.` };
  }
}

/** The proxies the server trusts (XASO_TRUST_PROXY, as the start read it). */
function proxies(env: NodeJS.ProcessEnv): string[] | false {
  try {
    return trustProxyFrom(env.XASO_TRUST_PROXY);
  } catch {
    return false;
  }
}

export async function securityFacts(deps: Deps, req: FastifyRequest, p: Principal, env: NodeJS.ProcessEnv = process.env): Promise<SecurityFacts> {
  const scope = hasRole(p, 'province_admin') ? 'province' : 'commune';
  const [backup, restoreDrill, keyRotation, admins, login, trails, lastEntryAt] = await Promise.all([
    opsFact(deps.db, 'backup'), opsFact(deps.db, 'restore_drill'), opsFact(deps.db, 'key_rotation'),
    adminAccounts(deps.db, p.communeId, scope), runtimeLogin(deps.db),
    trailGuards(deps.db, [...HISTORY_TRAILS.map((t) => t.table), ACCESS_LOG]), lastLogEntryAt(deps.db),
  ]);
  return {
    tls: { publicUrl: deps.publicUrl, proxies: proxies(env), requestProtocol: req.protocol },
    backup, restoreDrill, keyRotation,
    admins: {
      scope, total: admins.length,
      without: admins.filter((a) => !a.totp).map((a) => ({
        fullName: a.fullName, username: a.username, communeName: a.communeName, provinceLevel: a.roles.includes('province_admin'),
      })),
    },
    runtimeLogin: login,
    checkpoints: { ...checkpointFacts(env), lastEntryAt },
    trails,
    loginPolicy: { minPassword: MIN_PASSWORD, userMax: LOGIN_USER_POLICY.max, ipMax: LOGIN_IP_POLICY.max, windowMinutes: LOGIN_USER_POLICY.windowMinutes },
  };
}

/** The self-check for this reader, now. */
export async function runSelfCheck(deps: Deps, req: FastifyRequest, p: Principal, env: NodeJS.ProcessEnv = process.env): Promise<SelfCheck> {
  return selfCheck(await securityFacts(deps, req, p, env), deps.now());
}
