// Demo data of the units' reports, loaded by `npm start` into the demo communes (src/demo/reform.ts): a quarterly
// call for the last quarter finished before `now`, with most units accepted (one late), Phòng Kinh tế returned for
// correction and Ban Chỉ huy Quân sự not submitted. Idempotent: nothing is added when the call exists.
import type { Kysely } from 'kysely';
import { workCalendarFor } from '../calendar/store.ts';
import { vnDate } from '../calendar/core/vn-time.ts';
import type { Database } from '../db/schema.ts';
import type { AreaCode, ReportContent } from '../reform/reports/core/content.ts';
import { lateWorkingDays } from '../reform/reports/core/lateness.ts';
import { defaultDueDate, defaultTitle } from '../reform/reports/core/period.ts';
import { activeStaffOf, communeUnits, findCallByPeriod, insertCall, logEvent, reportsOfCall, updateReport } from '../reform/reports/store.ts';

const DAY = 86_400_000;

const TEXT: Record<string, { areas: Partial<Record<AreaCode, string>>; difficulties?: string; proposals?: string }> = {
  VP: {
    areas: { institutions: 'Rà soát 12 văn bản do UBND xã ban hành, đề xuất bãi bỏ 01 văn bản không còn phù hợp.', civil_service: 'Duy trì kỷ luật, kỷ cương hành chính; không có cán bộ vi phạm.' },
    proposals: 'Đề nghị tổ chức tập huấn kỹ năng soạn thảo văn bản cho công chức.',
  },
  VHXH: {
    areas: { organisation: 'Tham mưu kiện toàn Ban Chỉ đạo CCHC xã.', civil_service: 'Cử 04 công chức tham gia bồi dưỡng kỹ năng số căn bản.', digital_government: 'Cập nhật 18 tin, bài về CCHC trên Trang thông tin điện tử của xã.' },
    difficulties: 'Một số đơn vị gửi báo cáo chậm so với thời hạn.',
  },
  TTPVHCC: {
    areas: { procedures: 'Tiếp nhận và giải quyết hồ sơ đúng quy trình một cửa; niêm yết đầy đủ thủ tục hành chính tại Trung tâm.', digital_government: 'Hướng dẫn người dân nộp hồ sơ trực tuyến, thanh toán trực tuyến phí, lệ phí.' },
    difficulties: 'Đường truyền mạng có thời điểm chậm, ảnh hưởng việc số hóa hồ sơ.',
    proposals: 'Đề nghị bố trí thêm 01 máy quét tài liệu cho Trung tâm.',
  },
  KT: {
    areas: { public_finance: 'Thực hiện dự toán ngân sách quý đúng quy định.' },
  },
  CA: {
    areas: { digital_government: 'Cập nhật, làm sạch dữ liệu dân cư; hướng dẫn người dân kích hoạt tài khoản định danh điện tử mức độ 2.' },
  },
};

/** `starting` is told when the call is about to be added (first start). */
export async function seedDemoUnitReports(db: Kysely<Database>, communeId: string, now: Date, starting?: () => void): Promise<void> {
  // The last quarter finished before now (Vietnam dates).
  const [y, m] = vnDate(now).split('-').map(Number) as [number, number];
  const current = Math.ceil(m / 3);
  const period = { kind: 'quarterly' as const, year: current === 1 ? y - 1 : y, quarter: current === 1 ? 4 : current - 1 };
  await db.transaction().execute(async (trx) => {
    if (await findCallByPeriod(trx, communeId, 'quarterly', period.year, period.quarter, null)) return;
    starting?.();
    const staff = await activeStaffOf(trx, communeId);
    const coordinator = staff.find((s) => s.roles.includes('cchc_coordinator'));
    const units = await communeUnits(trx, communeId);
    const due = defaultDueDate(period);
    const dueAt = new Date(`${due}T09:00:00+07:00`);
    const opened = new Date(Math.min(+dueAt - 20 * DAY, +now - 30 * DAY));
    const call = await insertCall(trx, {
      commune_id: communeId, kind: 'quarterly', title: defaultTitle(period), period_year: period.year, period_quarter: period.quarter,
      period_month: null, due_date: due, instructions: 'Các đơn vị báo cáo kết quả thực hiện nhiệm vụ CCHC trong quý theo sáu lĩnh vực của Kế hoạch, kèm minh chứng.',
      created_by: coordinator?.id ?? null, created_at: opened,
    }, units.map((u) => u.id));
    const cal = await workCalendarFor(trx, communeId);
    const reports = await reportsOfCall(trx, call.id);
    for (const u of units) {
      const text = TEXT[u.code];
      const r = reports.find((x) => x.unit_id === u.id)!;
      if (!text) continue; // not submitted (e.g. Ban Chỉ huy Quân sự)
      const head = staff.find((s) => s.unit_id === u.id && s.roles.includes('unit_head'))?.id ?? staff.find((s) => s.unit_id === u.id)?.id ?? null;
      const late = u.code === 'CA';
      const submittedAt = new Date(+dueAt + (late ? 4 : -2) * DAY);
      const content: ReportContent = { direction: 'Thủ trưởng đơn vị quán triệt, phân công công chức thực hiện các nhiệm vụ CCHC được giao.', ...text };
      await logEvent(trx, r.id, 'saved', new Date(+submittedAt - DAY), head);
      await logEvent(trx, r.id, 'submitted', submittedAt, head);
      let status: 'submitted' | 'returned' | 'accepted' = 'submitted';
      let acceptedAt: Date | undefined;
      if (u.code === 'KT') {
        status = 'returned';
        await logEvent(trx, r.id, 'returned', new Date(+submittedAt + DAY), coordinator?.id ?? null,
          'Bổ sung kết quả cải cách thủ tục hành chính lĩnh vực đất đai, xây dựng và số liệu giải ngân; đính kèm minh chứng.');
      } else {
        status = 'accepted';
        acceptedAt = new Date(+submittedAt + 2 * DAY);
        await logEvent(trx, r.id, 'accepted', acceptedAt, coordinator?.id ?? null);
      }
      await updateReport(trx, r.id, {
        status, content, first_submitted_at: submittedAt, last_submitted_at: submittedAt,
        late_working_days: lateWorkingDays(due, vnDate(submittedAt), cal), updated_at: acceptedAt ?? new Date(+submittedAt + DAY),
        ...(acceptedAt ? { accepted_at: acceptedAt } : {}),
      });
    }
  });
}
