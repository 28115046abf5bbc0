// The security self-check's rules (issue 13): each control's status from its facts, each threshold on both sides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  HISTORY_TRAILS, THRESHOLDS, accessLogControl, addMonths, appendOnlyControl, backupControl, checkpointsControl, keyRotationControl,
  restoreDrillControl, runtimeLoginControl, selfCheck, tlsControl, twoFactorControl, type OpsFact, type SecurityFacts, type TrailFact,
} from '../../src/security/core/controls.ts';

const NOW = new Date('2026-11-25T02:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const before = (ms: number) => new Date(NOW.getTime() - ms);
const done = (at: Date | null): OpsFact => ({ lastOk: at, lastAttempt: at ? { at, ok: true } : null });

test('TLS: http fails; https without the proxy list or over http warns; https through a listed proxy holds', () => {
  const https = { publicUrl: 'https://dichvucong.xuanduong.gov.vn', proxies: ['10.0.0.2'], requestProtocol: 'https' };
  assert.equal(tlsControl({ ...https, publicUrl: 'http://127.0.0.1:3000' }).status, 'fail');
  assert.equal(tlsControl({ ...https, proxies: false }).status, 'warn');
  assert.equal(tlsControl({ ...https, requestProtocol: 'http' }).status, 'warn');
  const ok = tlsControl(https);
  assert.equal(ok.status, 'ok');
  assert.ok(ok.measured.some((m) => m.includes('10.0.0.2')));
});

test('backup: within 24 h holds, up to 7 days warns, older or never fails; a failed attempt since warns', () => {
  const h = THRESHOLDS.backupOkHours * HOUR;
  const w = THRESHOLDS.backupWarnDays * DAY;
  assert.equal(backupControl(done(before(h)), NOW).status, 'ok');
  assert.equal(backupControl(done(before(h + 60_000)), NOW).status, 'warn');
  assert.equal(backupControl(done(before(w)), NOW).status, 'warn');
  assert.equal(backupControl(done(before(w + 60_000)), NOW).status, 'fail');
  assert.equal(backupControl(done(null), NOW).status, 'fail');
  const failedSince: OpsFact = { lastOk: before(HOUR * 2), lastAttempt: { at: before(HOUR), ok: false } };
  const c = backupControl(failedSince, NOW);
  assert.equal(c.status, 'warn');
  assert.ok(c.measured.some((m) => m.includes('không thành công')));
});

test('restore drill: within 90 days holds, older warns, never fails', () => {
  const d = THRESHOLDS.restoreDrillDays * DAY;
  assert.equal(restoreDrillControl(done(before(d)), NOW).status, 'ok');
  assert.equal(restoreDrillControl(done(before(d + 60_000)), NOW).status, 'warn');
  assert.equal(restoreDrillControl(done(null), NOW).status, 'fail');
});

test('key rotation: within 12 calendar months holds, older warns, never warns', () => {
  const edge = addMonths(NOW, -THRESHOLDS.keyRotationMonths);
  assert.equal(edge.toISOString(), '2025-11-25T02:00:00.000Z');
  assert.equal(keyRotationControl(done(edge), NOW).status, 'ok');
  assert.equal(keyRotationControl(done(new Date(edge.getTime() - 60_000)), NOW).status, 'warn');
  const never = keyRotationControl(done(null), NOW);
  assert.equal(never.status, 'warn');
  assert.match(never.measured[0]!, /Chưa đổi khóa/);
});

test('second factor: every administrator has one, or the control fails and lists those without', () => {
  assert.equal(twoFactorControl({ scope: 'commune', total: 2, without: [] }).status, 'ok');
  const c = twoFactorControl({ scope: 'province', total: 3, without: [{ fullName: 'Ngô Thị Thanh', username: 'tinh.quantri', communeName: 'Xã Xuân Dương', provinceLevel: true }] });
  assert.equal(c.status, 'fail');
  assert.ok(c.measured[0]!.startsWith('2/3'));
  assert.ok(c.measured.some((m) => m.includes('tinh.quantri') && m.includes('quản trị cấp tỉnh')));
});

test('runtime login: a superuser fails, another login holds', () => {
  assert.equal(runtimeLoginControl({ name: 'postgres', superuser: true }).status, 'fail');
  assert.equal(runtimeLoginControl({ name: 'xaso_runtime', superuser: false }).status, 'ok');
});

test('checkpoints: within 2 h holds; older fails unless no entry came since; none fails once there are entries; invalid files fail', () => {
  const c = (latestAt: Date | null, lastEntryAt: Date | null, invalid = 0, unreadable: string | null = null) =>
    checkpointsControl({ latestAt, lastEntryAt, invalid, unreadable }, NOW).status;
  const h = THRESHOLDS.checkpointHours * HOUR;
  assert.equal(c(before(h), before(1000)), 'ok');
  assert.equal(c(before(h + 60_000), before(1000)), 'fail');
  assert.equal(c(before(h + 60_000), before(h + 120_000)), 'ok', 'nothing changed since: no new checkpoint is due');
  assert.equal(c(null, null), 'ok');
  assert.equal(c(null, before(1000)), 'fail');
  assert.equal(c(before(1000), before(1000), 1), 'fail');
  assert.equal(c(null, null, 0, 'Không đọc được'), 'fail');
});

const allGuarded = (): TrailFact[] => [...HISTORY_TRAILS.map((t) => t.table), 'access_log'].map((table) => ({ table, rowGuard: true, truncateGuard: true }));

test('append-only trails and the access log: each needs both its row and its TRUNCATE trigger', () => {
  assert.equal(appendOnlyControl(allGuarded()).status, 'ok');
  assert.equal(accessLogControl(allGuarded()).status, 'ok');
  const noTruncate = allGuarded().map((t) => (t.table === 'admin_audit' ? { ...t, truncateGuard: false } : t));
  const c = appendOnlyControl(noTruncate);
  assert.equal(c.status, 'fail');
  assert.ok(c.measured.some((m) => m.includes('Nhật ký quản trị') && m.includes('THIẾU')));
  assert.equal(appendOnlyControl(allGuarded().filter((t) => t.table !== 'dossier_events')).status, 'fail');
  assert.equal(accessLogControl(allGuarded().map((t) => (t.table === 'access_log' ? { ...t, rowGuard: false } : t))).status, 'fail');
});

test('the whole self-check: ten controls in order, counted by status', () => {
  const facts: SecurityFacts = {
    tls: { publicUrl: 'http://127.0.0.1:3000', proxies: false, requestProtocol: 'http' },
    backup: done(before(HOUR)), restoreDrill: done(null), keyRotation: done(null),
    admins: { scope: 'commune', total: 1, without: [] },
    runtimeLogin: { name: 'xaso_runtime', superuser: false },
    checkpoints: { latestAt: null, invalid: 0, lastEntryAt: null, unreadable: null },
    trails: allGuarded(),
    loginPolicy: { minPassword: 8, userMax: 5, ipMax: 20, windowMinutes: 15 },
  };
  const r = selfCheck(facts, NOW);
  assert.deepEqual(r.controls.map((c) => c.id),
    ['tls', 'backup', 'restore_drill', 'key_rotation', 'two_factor', 'runtime_login', 'checkpoints', 'append_only', 'access_log', 'login_policy']);
  assert.deepEqual(r.counts, { ok: 7, warn: 1, fail: 2 });
  assert.ok(r.controls.every((c) => c.measured.length && c.action && c.basis));
});
