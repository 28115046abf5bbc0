// Demo petitions for `npm start` (to be called by the demo activity, src/demo/activity.ts, after the dossiers), so
// that 766 5.2/5.3 and the public answers page show something. Deterministic (seeded PRNG); per commune, over the
// 12 months before `now`: about 2 petitions a month, 10 % refused (mostly within 2 working days), 15 % asked for
// more information, the rest answered — 85 % within the 15 working days — and published, 90 % within 2 working days
// after the answer; 1 in 5 about one of the commune's returned dossiers (which then counts in 5.4); each published
// answer gets 0–4 reactions, mostly likes.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { workCalendarFor } from '../calendar/store.ts';
import type { Database } from '../db/schema.ts';
import { prng } from './prng.ts';
import { filePetition } from '../petitions/service.ts';
import { addReaction, logEvent, updatePetition } from '../petitions/store.ts';
import { firstUnitId, returnedDossierCodes } from './petitions-store.ts';

const DAY = 86_400_000;
const TOPICS = [
  'Thời gian chờ tại quầy một cửa buổi sáng quá lâu, đề nghị bố trí thêm người tiếp nhận.',
  'Đề nghị hướng dẫn rõ hơn thành phần hồ sơ đăng ký khai sinh trên cổng dịch vụ công.',
  'Hồ sơ chứng thực của tôi trả kết quả chậm so với giấy hẹn.',
  'Cán bộ tiếp nhận hướng dẫn chưa đầy đủ, tôi phải đi lại nhiều lần.',
  'Đề nghị cho phép thanh toán lệ phí bằng mã QR tại quầy.',
  'Kiến nghị niêm yết công khai lịch tiếp công dân của lãnh đạo xã.',
];
const ANSWERS = [
  'Trung tâm đã bố trí thêm một quầy tiếp nhận vào buổi sáng các ngày thứ Hai và thứ Sáu. Cảm ơn ông/bà đã phản ánh.',
  'Ủy ban nhân dân xã đã cập nhật hướng dẫn trên cổng dịch vụ công và niêm yết tại Trung tâm.',
  'Qua kiểm tra, hồ sơ trả chậm 1 ngày do thiếu chữ ký; xã đã xin lỗi công dân và chấn chỉnh cán bộ liên quan.',
];

export async function generateDemoPetitions(db: Kysely<Database>, communeId: string, now: Date, perMonth = 2): Promise<number> {
  const rnd = prng(communeId.length * 7919 + 11).next;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const cal = await workCalendarFor(db, communeId);
  const dossiers = await returnedDossierCodes(db, communeId);
  const unitId = await firstUnitId(db, communeId);
  const n = perMonth * 12;
  let written = 0;
  for (let i = 0; i < n; i++) {
    const receivedAt = cal.nextWorkingTime(new Date(now.getTime() - 365 * DAY + Math.floor(rnd() * 360 * DAY)));
    if (receivedAt >= now) continue;
    const at = (workingDays: number, from = receivedAt) => cal.addWorkingDays(cal.nextWorkingTime(from), workingDays);
    const before = (d: Date) => (d < now ? d : null);
    await db.transaction().execute(async (trx) => {
      const p = await filePetition(trx, communeId, {
        content: pick(TOPICS), name: 'Người dân (dữ liệu mẫu)', channel: rnd() < 0.8 ? 'portal' : 'counter',
        dossierCode: dossiers.length && rnd() < 0.2 ? pick(dossiers) : undefined, receivedAt,
      }, receivedAt);
      const u = rnd();
      if (u < 0.1) {
        const refusedAt = before(at(rnd() < 0.85 ? 1 : 3));
        if (refusedAt) {
          await updatePetition(trx, p.id, { refused_at: refusedAt, refuse_reason: 'Nội dung không thuộc thẩm quyền giải quyết của Ủy ban nhân dân xã.' });
          await logEvent(trx, p.id, 'refused', refusedAt, null, 'Không thuộc thẩm quyền');
        }
        return;
      }
      if (unitId !== undefined) await updatePetition(trx, p.id, { unit_id: unitId });
      if (u < 0.25) {
        const asked = before(at(rnd() < 0.9 ? 3 : 7));
        if (asked) {
          await updatePetition(trx, p.id, { asked_more_at: asked });
          await logEvent(trx, p.id, 'asked_more', asked, null, 'Đề nghị cung cấp thêm thông tin');
        }
      }
      const answeredAt = before(at(rnd() < 0.85 ? 3 + Math.floor(rnd() * 11) : 16 + Math.floor(rnd() * 5)));
      if (!answeredAt) return;
      await updatePetition(trx, p.id, { answered_at: answeredAt, answer: pick(ANSWERS) });
      await logEvent(trx, p.id, 'answered', answeredAt, null);
      const publishedAt = before(at(rnd() < 0.9 ? 1 : 4, answeredAt));
      if (!publishedAt) return;
      await updatePetition(trx, p.id, { published_at: publishedAt });
      await logEvent(trx, p.id, 'published', publishedAt, null);
      for (let k = Math.floor(rnd() * 5); k > 0; k--) {
        const voter = crypto.createHash('sha256').update(`demo-voter:${p.id}:${k}`).digest('hex');
        const reactedAt = new Date(publishedAt.getTime() + k * 3_600_000);
        if (reactedAt < now) await addReaction(trx, p.id, voter, rnd() < 0.8 ? 'like' : 'dislike', reactedAt);
      }
    });
    written++;
  }
  return written;
}
