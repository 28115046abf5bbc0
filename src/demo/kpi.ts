// Demo data of the civil-servant KPI under NĐ 335/2025 (issue 6), loaded by `npm start` into the demo communes
// (src/demo/reform.ts): the one-stop officer's secondment to the centre from the People's Committee office (so the
// centre head's page, /can-bo/kpi/trung-tam, lists one officer with the figures of the demo dossiers they received),
// then, for the last month that ended before `now`, the demo staff's assessments at various steps, through the real
// services, so the figures come from the demo dossiers' action log (src/demo/activity.ts).
// Idempotent: a commune that already has a secondment gets no other; one that already has an assessment for that
// month gets no more.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Principal, StaffRole } from '../identity/core/principal.ts';
import { DEMO_COMMUNES } from './communes.ts';
import { appraise, approve, lastFinishedMonth, rulesFor, selfAssess } from '../kpi/service.ts';
import { recordSecondment } from '../kpi/centre.ts';
import { secondments } from '../kpi/centre-store.ts';
import { hasAssessments } from '../kpi/store.ts';
import { vnDate } from '../calendar/core/vn-time.ts';
import { communeStaff } from './staff-store.ts';

const FULL = { chinh_tri: 5, dao_duc: 5, van_hoa_cong_vu: 4, ky_luat: 4, trach_nhiem: 4, thai_do_phuc_vu: 4, doi_moi: 4 };

/** The demo secondment's term: from the first day of the month a year before `now` (the demo activity's year) for
 *  24 months, within the 12 to 36 months of a term at the one-stop desk (NĐ 118/2025 Đ11, Đ12 k8; domain.md §2.1). */
export function demoSecondmentTerm(now: Date): { startsOn: string; endsOn: string } {
  const [y, m] = vnDate(now).split('-').map(Number) as [number, number];
  const first = (year: number) => `${year}-${String(m).padStart(2, '0')}-01`;
  const end = new Date(`${first(y + 1)}T00:00:00Z`);
  end.setUTCDate(0); // the day before the term's second anniversary
  return { startsOn: first(y - 1), endsOn: end.toISOString().slice(0, 10) };
}

/** The one-stop officer works at the centre seconded from the People's Committee office (Văn phòng HĐND và UBND),
 *  recorded by the centre's head through the service; during the term the office's KPI appraiser (the leader: the
 *  office has no head of its own) rates her, and the centre's head writes comments on her (kpi/centre.ts). */
async function seedDemoSecondment(db: Kysely<Database>, communeId: string, who: Record<string, Principal>, now: Date): Promise<void> {
  const { motcua, chutich, giamdoc } = who;
  if (!motcua || !chutich?.unitId || !giamdoc || (await secondments(db, communeId)).length) return;
  await db.transaction().execute((trx) => recordSecondment(trx, giamdoc, {
    staffId: motcua.id, homeUnitId: chutich.unitId!, ...demoSecondmentTerm(now), decision: 'Quyết định của Chủ tịch Ủy ban nhân dân xã (dữ liệu mẫu)',
  }, now));
}

/** `starting` is told when the assessments are about to be added (first start). */
export async function seedDemoKpi(db: Kysely<Database>, communeId: string, now: Date, starting?: () => void): Promise<void> {
  const prefix = DEMO_COMMUNES.find((c) => c.id === communeId)?.usernamePrefix ?? '';
  const rows = await communeStaff(db, communeId);
  const who: Record<string, Principal> = Object.fromEntries(rows.map((r) => [r.username.slice(prefix.length), {
    kind: 'staff', id: r.id, name: r.full_name, communeId, unitId: r.unit_id, unitCode: r.unit_code, roles: r.roles as StaffRole[],
  } satisfies Principal]));
  await seedDemoSecondment(db, communeId, who, now);
  const period = lastFinishedMonth(now);
  try {
    await rulesFor(db, communeId, period);
  } catch {
    return; // no rule set in force for that month (before NĐ 335/2025)
  }
  if (await hasAssessments(db, communeId, period)) return;
  const { hotich, diachinh, motcua, truongvhxh, truongkt, chutich, giamdoc } = who;
  if (!hotich || !diachinh || !motcua || !truongvhxh || !truongkt || !chutich || !giamdoc) return;
  starting?.();
  const at = (minutes: number) => new Date(now.getTime() - 3 * 3_600_000 + minutes * 60_000);
  const run = (fn: (trx: Transaction<Database>) => Promise<unknown>) => db.transaction().execute(fn);

  // hotich: self-assessed, appraised by the head of Phòng Văn hóa - Xã hội, approved by the chair.
  await run((trx) => selfAssess(trx, hotich, period, { note: 'Giải quyết các hồ sơ hộ tịch, chứng thực được giao trong tháng.', general: FULL }, at(0)));
  await run((trx) => appraise(trx, truongvhxh, hotich.id, period, { general: { ...FULL, doi_moi: 3 }, note: 'Hoàn thành khối lượng công việc được giao; cần chủ động hơn trong đổi mới cách làm.' }, at(30)));
  await run((trx) => approve(trx, chutich, hotich.id, period, 'Đồng ý kết quả thẩm định.', at(60)));
  // diachinh: appraised by the head of Phòng Kinh tế, awaiting approval.
  await run((trx) => selfAssess(trx, diachinh, period, { note: 'Hồ sơ đất đai, xây dựng đã xử lý.', general: { ...FULL, doi_moi: 3 } }, at(5)));
  await run((trx) => appraise(trx, truongkt, diachinh.id, period, { general: { ...FULL, doi_moi: 2, thai_do_phuc_vu: 3 }, note: 'Cần theo dõi sát hồ sơ đất đai sắp đến hạn.' }, at(40)));
  // the one-stop officer (appraised by the leader while seconded) and the head of Phòng Kinh tế: self-assessed,
  // awaiting appraisal.
  await run((trx) => selfAssess(trx, motcua, period, { note: 'Tiếp nhận, trả kết quả tại Trung tâm; hướng dẫn người dân nộp trực tuyến.', general: FULL }, at(10)));
  await run((trx) => selfAssess(trx, truongkt, period, { note: 'Chỉ đạo giải quyết hồ sơ của phòng.' }, at(15)));
}
