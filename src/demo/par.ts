// Demo data of the PAR self-assessment (Chỉ số CCHC) for `npm start` (src/demo/reform.ts): the shipped default
// template; 2025 finished (self-scored with evidence, submitted, appraised with explanations and one dialogue,
// final scores); the current year in progress, auto-filled from the demo dossiers, a few sub-criteria self-scored.
// Idempotent: a year that exists is left as it is. Run through the service, so every step is logged as in real use.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Principal, StaffRole } from '../identity/core/principal.ts';
import { addEvidence, appraise, createAssessment, finalize, respond, selfScore, submit } from '../par/service.ts';
import { findAssessment, itemsOf, nodesOf } from '../par/store.ts';
import { ensureTemplates } from '../par/templates.ts';
import type { ScoringRule } from '../par/core/template.ts';
import { firstWithRole } from './staff-store.ts';

const at = (iso: string) => new Date(`${iso}+07:00`);

async function principal(db: Kysely<Database>, communeId: string, role: StaffRole, unitCode?: string): Promise<Principal | undefined> {
  const s = await firstWithRole(db, communeId, role, unitCode);
  return s ? { kind: 'staff', id: s.id, name: s.full_name, communeId, unitId: s.unit_id, unitCode: s.code, roles: s.roles as StaffRole[] } : undefined;
}

/** A plausible self-score: full points for met/not-met items, about 80–95 % of the maximum otherwise. */
const demoPoints = (rule: ScoringRule, max: number, i: number) =>
  rule.type === 'full_or_none' ? (i % 7 === 3 ? 0 : max) : Math.round(max * (0.8 + ((i * 37) % 16) / 100) * 4) / 4;

/** `starting` is told once, when a year's assessment is about to be added (first start). */
export async function seedDemoPar(db: Kysely<Database>, communeId: string, now: Date, starting?: () => void): Promise<void> {
  await ensureTemplates(db);
  const coord = await principal(db, communeId, 'cchc_coordinator');
  const reviewer = await principal(db, communeId, 'admin');
  if (!coord || !reviewer) return;
  const tx = <T>(f: (trx: Transaction<Database>) => Promise<T>) => db.transaction().execute(f);
  const year = Number(new Date(+now + 7 * 3600_000).toISOString().slice(0, 4));
  const last = year - 1;
  let told = false;
  const tell = () => {
    if (!told) starting?.();
    told = true;
  };

  if (!(await findAssessment(db, communeId, { year: last }))) {
    tell();
    const a = await tx((trx) => createAssessment(db, trx, coord, last, at(`${last}-11-20T08:00:00`)));
    const subs = (await nodesOf(db, a.template_id)).filter((n) => n.level === 'sub');
    for (const [i, n] of subs.entries()) {
      const when = at(`${last}-12-0${1 + (i % 8)}T09:00:00`);
      await tx(async (trx) => {
        await selfScore(trx, coord, a.id, n.code, { points: demoPoints(n.rule as ScoringRule, n.max_points, i), note: 'Đã thực hiện theo kế hoạch năm.' }, when);
        await addEvidence(trx, coord, a.id, n.code, { note: `${n.evidence[0] ?? 'Báo cáo'} năm ${last}` }, when);
      });
    }
    await tx((trx) => submit(trx, coord, a.id, at(`${last}-12-15T10:00:00`)));
    const items = await itemsOf(db, communeId, a.id);
    for (const [i, n] of subs.entries()) {
      if (i % 3) continue; // the reviewer appraises every third sub-criterion; the rest keep their self-score
      const self = items.find((x) => x.node_code === n.code)?.self_points ?? 0;
      const lower = n.rule && (n.rule as ScoringRule).type === 'full_or_none' ? self : Math.max(0, Math.round((self - n.max_points * 0.1) * 4) / 4);
      await tx((trx) => appraise(trx, reviewer, a.id, n.code, { points: lower, note: lower < self ? 'Tài liệu kiểm chứng chưa thể hiện đầy đủ kết quả; trừ điểm tương ứng.' : 'Thống nhất với điểm tự chấm.' }, at(`${last}-12-28T14:00:00`)));
    }
    const disputed = subs[3];
    if (disputed) {
      await tx((trx) => respond(trx, coord, a.id, disputed.code, 'Xã bổ sung biên bản kiểm tra ngày 15/10 chứng minh đã khắc phục tồn tại.', at(`${last}-12-30T09:00:00`)));
      await tx((trx) => appraise(trx, reviewer, a.id, disputed.code, { points: disputed.max_points, note: 'Chấp nhận giải trình và tài liệu bổ sung của xã.' }, at(`${year}-01-05T09:00:00`)));
    }
    await tx((trx) => finalize(trx, reviewer, a.id, at(`${year}-01-15T15:00:00`)));
  }

  if (!(await findAssessment(db, communeId, { year }))) {
    tell();
    const a = await tx((trx) => createAssessment(db, trx, coord, year, now));
    const kt = await principal(db, communeId, 'unit_head', 'KT');
    const subs = (await nodesOf(db, a.template_id)).filter((n) => n.level === 'sub' && !n.auto);
    for (const [i, n] of subs.slice(0, 6).entries()) {
      const who = n.owner_unit_code === 'KT' && kt ? kt : coord;
      await tx(async (trx) => {
        await selfScore(trx, who, a.id, n.code, { points: demoPoints(n.rule as ScoringRule, n.max_points, i), note: 'Tự chấm theo kết quả thực hiện đến nay.' }, now);
        await addEvidence(trx, who, a.id, n.code, { note: `${n.evidence[0] ?? 'Báo cáo'} năm ${year}` }, now);
      });
    }
  }
}
