// Demo: location-independent receipt between the two demo communes (issue 16; domain.md §2.2), at each stage a desk
// meets it: a birth registration Xuân Dương received for Tân Lập with its originals on the road; one processed at Tân
// Lập whose paper result is on its way back to Xuân Dương's counter; one returned there; and one Tân Lập received for
// Xuân Dương. Every step goes through the real service (createDossier/act), in one transaction per dossier.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Principal } from '../identity/core/principal.ts';
import type { ActionType, PayloadInput } from '../dossiers/core/index.ts';
import { act, createDossier } from '../dossiers/service.ts';
import type { ResultSigning } from '../dossiers/result-signing.ts';
import { principals } from './principals.ts';
import { anyTransferred } from '../dossiers/transfer-store.ts';

const KHAI_SINH = '1.001193';
const MINUTE = 60_000;

type Stage = 'originals_on_road' | 'result_on_road' | 'returned';

const ORIGINALS = { papers: 'Bản chính Giấy chứng sinh; Tờ khai đăng ký khai sinh', carrier: 'Bưu điện văn hóa xã, vận đơn EB2026' };
const RESULT = { papers: 'Giấy khai sinh (bản chính); Sổ đăng ký khai sinh đã ký', carrier: 'Cán bộ một cửa mang trực tiếp' };

/** How many cross-commune dossiers the demo adds. */
export const DEMO_TRANSFERS = 4;

/** Adds the cross-commune demo dossiers once (none when a transferred dossier exists or a commune lacks its staff);
 *  `done` is told of each. */
export async function generateDemoTransfers(
  db: Kysely<Database>, now: Date, signing: ResultSigning, progress: (m: string) => void = () => {}, done: (signed: boolean) => void = () => {},
): Promise<number> {
  if (await anyTransferred(db)) return 0;
  const xd = await principals(db, 'xuan-duong');
  const tl = await principals(db, 'tan-lap');
  if (!xd.motcua || !tl.motcua || !tl.hotich || !tl.chutich || !xd.hotich || !xd.chutich) return 0;
  progress('Đang tạo dữ liệu mẫu: hồ sơ tiếp nhận không phụ thuộc địa giới giữa hai xã…');
  const cases: [Record<string, Principal>, Record<string, Principal>, string, string, Stage][] = [
    [xd, tl, 'tan-lap', 'Hoàng Thị Mỹ', 'originals_on_road'],
    [xd, tl, 'tan-lap', 'Lục Văn Tiến', 'result_on_road'],
    [xd, tl, 'tan-lap', 'Ma Thị Duyên', 'returned'],
    [tl, xd, 'xuan-duong', 'Nông Văn Khải', 'originals_on_road'],
  ];
  for (const [i, [from, to, toId, name, stage]] of cases.entries()) {
    await db.transaction().execute(async (trx) => {
      let t = now.getTime() - (3 * 24 * 60 - i * 90) * MINUTE;
      const at = () => new Date((t += 20 * MINUTE));
      const input = { procedureCode: KHAI_SINH, applicant: { name, idNumber: `0191900${String(71_000 + i).padStart(5, '0')}` }, channel: 'direct' as const };
      const id = (await createDossier(trx, { principal: from.motcua! }, 'receive_counter', input, {}, at())).row.id;
      const step = (who: Principal, type: ActionType, payload: PayloadInput = {}) => act(trx, who, id, type, payload, at(), signing);
      await step(from.motcua!, 'transfer_to_competent', { communeId: toId, resultAt: 'receiving_centre', note: 'Người nộp thường trú tại xã có thẩm quyền' });
      await step(from.motcua!, 'send_papers', ORIGINALS);
      if (stage === 'originals_on_road') return;
      await step(to.motcua!, 'receive_papers');
      await step(to.motcua!, 'assign', { unitCode: 'VHXH', assigneeId: String(to.hotich!.id) });
      await step(to.hotich!, 'propose_result', { proposalText: 'Đủ điều kiện đăng ký khai sinh', proposalOutcome: 'approve' });
      await step(to.hotich!, 'submit_for_signature', { signerId: String(to.chutich!.id) });
      await step(to.chutich!, 'approve');
      await step(to.hotich!, 'issue_result');
      await step(to.motcua!, 'send_papers', RESULT);
      if (stage === 'result_on_road') return;
      await step(from.motcua!, 'receive_papers');
      await step(from.motcua!, 'return_result', { channel: 'counter' });
    });
    done(stage !== 'originals_on_road'); // the others were signed
  }
  return cases.length;
}
