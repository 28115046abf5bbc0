// API of the security self-check (issue 13): the level-3 controls the platform provides, each with its status,
// what was measured and what to do. For a commune's administrator and the province-level role only.
import { Type } from '@sinclair/typebox';
import type { App, Deps } from '../http/deps.ts';
import { STAFF_SECURITY } from '../http/openapi.ts';
import { requireStaff } from '../identity/hooks.ts';
import { STATUS_NAMES_VI } from './core/controls.ts';
import { runSelfCheck } from './self-check.ts';

export const SELF_CHECK_API = '/api/v1/security/self-check';

const Status = Type.Union([Type.Literal('ok'), Type.Literal('warn'), Type.Literal('fail')], { description: 'ok: Đạt; warn: Cần chú ý; fail: Chưa đạt' });

const SelfCheckSchema = Type.Object({
  checkedAt: Type.String({ format: 'date-time' }),
  counts: Type.Object({ ok: Type.Integer(), warn: Type.Integer(), fail: Type.Integer() }),
  controls: Type.Array(Type.Object({
    id: Type.String(),
    title: Type.String(),
    status: Status,
    statusText: Type.String(),
    measured: Type.Array(Type.String(), { description: 'Những gì đã đo, mỗi dòng một ý' }),
    action: Type.String({ description: 'Việc cần làm (với biện pháp đã đạt: việc để giữ như vậy)' }),
    basis: Type.String({ description: 'Yêu cầu mà biện pháp đáp ứng' }),
  })),
});

export async function securityRoutes(app: App, deps: Deps) {
  app.get(
    SELF_CHECK_API,
    {
      config: { roles: ['admin', 'province_admin'] },
      schema: {
        tags: ['quản trị'],
        summary: 'Quản trị: tự kiểm tra an toàn thông tin (các biện pháp cấp độ 3 và trạng thái của từng biện pháp)',
        security: STAFF_SECURITY,
        response: { 200: SelfCheckSchema },
      },
    },
    async (req) => {
      const r = await runSelfCheck(deps, req, requireStaff(req));
      return {
        checkedAt: r.checkedAt.toISOString(),
        counts: r.counts,
        controls: r.controls.map((c) => ({ ...c, statusText: STATUS_NAMES_VI[c.status] })),
      };
    },
  );
}
