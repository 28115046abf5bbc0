// The security self-check (/can-bo/quan-tri/an-toan): the level-3 controls the platform provides (TLS in front,
// backups, restore drills, key rotation, administrators' second factor, the database login, checkpoints, append-only
// trails, the ID-number access log, the login policy), each with its status, what was measured and what to do.
// A commune's administrator or the province-level role; the same as JSON at GET /api/v1/security/self-check.
import type { App, Deps } from '../../../http/deps.ts';
import { STATUS_NAMES_VI, type ControlStatus } from '../../../security/core/controls.ts';
import { runSelfCheck } from '../../../security/self-check.ts';
import { fmtDateTime } from '../../../shared/format.ts';
import { ADMIN_BACK, staffPage } from '../common.tsx';
import { ADMIN_ROLES, rolePageOrLogin } from './guard.ts';

export const SECURITY_PAGE = '/can-bo/quan-tri/an-toan';

const TAG: Record<ControlStatus, string> = { ok: 'tag tag--green', warn: 'tag tag--yellow', fail: 'tag tag--red' };

export async function securityPages(app: App, deps: Deps) {
  app.get(SECURITY_PAGE, { schema: { hide: true } }, async (req, reply) => {
    const p = rolePageOrLogin(req, reply, ADMIN_ROLES);
    if (!p) return reply;
    const r = await runSelfCheck(deps, req, p);
    return staffPage(reply, p, 'Tự kiểm tra an toàn thông tin', () => (
      <>
        <h1>Tự kiểm tra an toàn thông tin</h1>
        <p>Các biện pháp bảo đảm an toàn hệ thống thông tin cấp độ 3 (Nghị định 85/2016/NĐ-CP, TCVN 11930:2017) mà Xã Số cung cấp, và
          trạng thái của từng biện pháp trên máy chủ này lúc {fmtDateTime(r.checkedAt)}. Trang này giúp chuẩn bị hồ sơ đề xuất cấp độ;
          nó không thay cho việc kiểm tra, đánh giá độc lập.</p>
        <p id="summary"><strong>{r.counts.ok}</strong> đạt, <strong>{r.counts.warn}</strong> cần chú ý, <strong>{r.counts.fail}</strong> chưa đạt.</p>
        {r.controls.map((c) => (
          <section id={`control-${c.id}`} aria-labelledby={`title-${c.id}`}>
            <h2 id={`title-${c.id}`}>{c.title} <span class={TAG[c.status]}>{STATUS_NAMES_VI[c.status]}</span></h2>
            <ul>{c.measured.map((m) => <li>{m}</li>)}</ul>
            <p><strong>{c.status === 'ok' ? 'Để giữ như vậy:' : 'Việc cần làm:'}</strong> {c.action}</p>
            <p class="hint">Căn cứ: {c.basis}</p>
          </section>
        ))}
      </>
    ), { back: ADMIN_BACK });
  });
}
