// Demo activity for `npm start`: a year of dossiers, payments, files and ratings for the demo communes, so that the
// dashboard and the public page show something. Every dossier goes through the real service (createDossier/act),
// so its projection, log entries (hash chain), code and indicator facts are exactly what the engine writes; files go
// through attachFile, payments through the ledger inserts, ratings through saveRating.
//
// Distributions (deterministic: one seeded PRNG per dossier, so two runs at the same `now` give the same data except
// the order of the sequence numbers within a day, as PARALLEL dossiers are written at once):
// - volume: DEMO_VOLUME dossiers (default 900, env XASO_DEMO_DOSSIERS) over the 12 months before `now` (Xuân Dương
//   2/3, Tân Lập 1/3); the service costs ≈ 10 ms a dossier, and signing a result ≈ 15 ms more (PAdES, two
//   signatures; `npm run bench:signing`), on
//   working days (Mon–Fri) between 07:30 and 16:30 Vietnam time; a little more in the later months;
// - procedures: by weight — civil status (hộ tịch) ≈ 55 %, certification (chứng thực) ≈ 25 %, the rest land,
//   construction, social protection, business, culture/religion; only procedures handled by VHXH or KT;
// - channel: online share rises linearly from ≈ 25 % (12 months ago) to ≈ 60 % (last month), where offered;
// - outcomes: 2 % refused at receipt, 2 % withdrawn, 3 % rejected as not eligible, the rest granted;
//   8 % get one supplement request; ≈ 90 % decided on time, the others 2 h–4 days after the due time;
//   dossiers whose next step would fall after `now` stay where they are (open at the end of the year), and among
//   the most recent of each commune a few are held, granted, at each step of "Việc cần làm" (held.ts: ≈ 3 awaiting
//   receipt, 3 awaiting the specialist, 2 awaiting the chair's signature, 2 awaiting return), their steps brought
//   before `now`;
// - payments: fee-bearing procedures pay their first non-zero fee (1 in 3 civil-status ones are exempt), online for
//   80 % of online dossiers and 35 % of counter ones, cash otherwise;
// - files: every required component digitised for 85 % of dossiers (of which 1 in 4 reuses a stored file and
//   1 in 10 takes it from the citizen's e-data store);
// - results: every proposal is submitted to the chair (Trình ký), who approves it and signs the result digitally
//   (the dossier service's approval, with the local test CA: signing.ts), so every decided dossier has a signed
//   electronic result that /xac-thuc verifies; the 40 most recent civil-status and certification dossiers of each
//   commune sign the result generated from their procedure's template (or the written refusal), the others a
//   one-page sample draft (sample-result.ts);
// - e-identity: 70 % of online dossiers; ratings: 35 % of returned dossiers, 62 % very satisfied, 34 % satisfied,
//   4 % dissatisfied.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Principal } from '../identity/core/principal.ts';
import { createDossier, act, reviveProjection, type Written } from '../dossiers/service.ts';
import { DEMO_TRANSFERS, generateDemoTransfers } from './transfers.ts';
import { principals } from './principals.ts';
import { TEST_CITIZENS } from '../outside/identity-citizens.ts';
import type { ActionType, PayloadInput } from '../dossiers/core/index.ts';
import { attachFile, putFile } from '../dossiers/uploads.ts';
import { insertOrder, insertEntry } from '../payments/store.ts';
import { saveRating } from '../ratings/service.ts';
import { refreshFacts } from '../indicators/facts.ts';
import { RESULT_COMPONENT } from '../dossiers/core/index.ts';
import type { ResultSigning } from '../dossiers/result-signing.ts';
import { DEMO_COMMUNES } from './communes.ts';
import { prng, type Rng } from './prng.ts';
import { generateDemoPetitions } from './petitions.ts';
import { anyDossierIn, insertScannedFiles, markEid, proceduresInForce, relaxCommit } from './activity-store.ts';
import { demoSigning, issueDemoCertificates } from './signing.ts';
import { sampleResultPdf } from './sample-result.ts';
import { heldDossiers, type Hold } from './held.ts';

/** Dossiers per year for the demo communes together (Xuân Dương gets two thirds). */
export const DEMO_VOLUME = 900; // the default of XASO_DEMO_DOSSIERS (src/config.ts)

const SEED = 20_250_701;
/** Dossiers written at the same time (the pool has more connections; 2 cores). */
const PARALLEL = 4;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const VN = 7 * HOUR;
/** Per commune, the most recent dossiers of these fields whose signed result is generated from the template. */
const GENERATED_FIELDS = ['HOTICH', 'CHUNGTHUC'];
const GENERATED_RESULTS = 40;


interface DemoProcedure {
  code: string;
  field: string;
  unit: string;
  methods: string[];
  hasFee: boolean;
  fee: number;
  returnsPaperResult: boolean;
  required: string[];
  weight: number;
}

const FIELD_WEIGHT: Record<string, number> = {
  HOTICH: 55, CHUNGTHUC: 25, DATDAI: 6, XAYDUNG: 3, BTXH: 5, GIAMNGHEO: 1, DKKD: 3, VANHOA: 1, TONGIAO: 1,
};
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Thu', 'Đức', 'Ngọc', 'Hữu', 'Thanh'];
const GIVEN = ['An', 'Bình', 'Cúc', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hòa', 'Hùng', 'Lan', 'Linh', 'Long', 'Mai', 'Nam', 'Phương', 'Quang', 'Sơn', 'Tâm', 'Thảo', 'Trang', 'Tuấn', 'Yến'];
// The smallest valid PDF the upload check accepts (content-addressed: stored once).
const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

async function demoProcedures(db: Kysely<Database>, at: Date): Promise<DemoProcedure[]> {
  const day = new Date(at.getTime() + VN).toISOString().slice(0, 10);
  const rows = await proceduresInForce(db, day);
  const out: DemoProcedure[] = [];
  for (const { code, data } of rows) {
    const p = data as {
      field: { code: string }; handlingUnitCode: string; methods: string[]; fees: { amountVnd: number }[];
      flags: { hasFee: boolean; returnsPaperResult: boolean }; components: { code: string; required: boolean }[];
    };
    if (!['VHXH', 'KT'].includes(p.handlingUnitCode)) continue;
    const sameField = rows.filter((r) => (r.data as { field: { code: string } }).field.code === p.field.code).length;
    out.push({
      code, field: p.field.code, unit: p.handlingUnitCode, methods: p.methods, hasFee: p.flags.hasFee,
      fee: p.fees.find((f) => f.amountVnd > 0)?.amountVnd ?? 0, returnsPaperResult: p.flags.returnsPaperResult,
      required: p.components.filter((c) => c.required).map((c) => c.code),
      // The field's share, split evenly, with the first procedures of a field (birth, copy certification) favoured.
      weight: ((FIELD_WEIGHT[p.field.code] ?? 1) / sameField) * (['1.001193', '2.000815', '1.004873', '2.000884'].includes(code) ? 4 : 1),
    });
  }
  return out.sort((a, b) => a.code.localeCompare(b.code));
}

function pick<T extends { weight: number }>(rng: Rng, items: T[]): T {
  const total = items.reduce((s, i) => s + i.weight, 0);
  let x = rng.next() * total;
  for (const i of items) if ((x -= i.weight) < 0) return i;
  return items[items.length - 1]!;
}

/** A working-day instant (Mon–Fri, 07:30–16:30 Vietnam time) in [from, to). */
function workingInstant(rng: Rng, from: number, to: number): Date {
  for (let attempt = 0; attempt < 100; attempt++) {
    const t = from + rng.next() * (to - from);
    const local = new Date(t + VN);
    const dow = local.getUTCDay();
    if (dow === 0 || dow === 6) continue;
    const dayStart = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - VN;
    const at = dayStart + 7.5 * HOUR + rng.next() * 9 * HOUR;
    if (at >= from && at < to) return new Date(at);
  }
  return new Date(from);
}


interface Ctx {
  db: Kysely<Database>;
  now: Date;
  rng: Rng;
  staff: Record<string, Principal>;
  communeId: string;
  pdf: string;
  n: number;
  signing: ResultSigning;
  /** The draft result the approval signs as attached (sample-result.ts), or null: the generated result is signed. */
  draft: string | null;
  /** The step this dossier waits at when the year ends (held.ts), or null. */
  hold: Hold | null;
}

/** One dossier's life, written step by step through the service in one transaction; returns it if it was decided. */
async function oneDossier(c: Ctx, p: DemoProcedure, receivedAt: Date, progress: number): Promise<{ id: string; returnedAt: Date | null; signed: boolean } | null> {
  const { rng, hold } = c;
  const onlineShare = 0.25 + 0.35 * progress;
  const online = p.methods.includes('online') && (rng.chance(onlineShare) || hold === 'receipt');
  const name = `${SURNAMES[rng.int(0, SURNAMES.length - 1)]} ${MIDDLE[rng.int(0, MIDDLE.length - 1)]} ${GIVEN[rng.int(0, GIVEN.length - 1)]}`;
  const drawn = { name, idNumber: `0${String(19_000_000_000 + c.n * 7919 + rng.int(0, 7000)).padStart(11, '0')}` };
  // Some birth registrations are filed by the stand-in e-identity's first citizen, so that logging in as her shows
  // real dossiers and, once they are returned, the birth certificates in her data store (drawn values still drawn:
  // the rest of the demo does not move).
  const standIn = p.code === '1.001193' && c.n % 40 === 0 ? TEST_CITIZENS[0] : undefined;
  const applicant = standIn ? { name: standIn.name, idNumber: standIn.idNumber } : drawn;
  const input = { procedureCode: p.code, applicant, channel: (online ? 'online' : 'direct') as 'online' | 'direct' };
  const specialist = p.unit === 'KT' ? c.staff.diachinh! : c.staff.hotich!;
  const fate = hold ? Math.max(rng.next(), 0.07) : rng.next(); // a held dossier is granted
  const supplement = rng.chance(0.08) && !hold;
  const late = rng.chance(0.1);
  const digitise = rng.chance(0.85);
  const feeExempt = p.field === 'HOTICH' && rng.chance(1 / 3);
  const paidOnline = rng.chance(online ? 0.8 : 0.35);
  const eid = online && rng.chance(0.7);

  return c.db.transaction().execute(async (trx) => {
    await relaxCommit(trx); // a crash loses a few demo dossiers; the generator then stays idle
    let w: Written;
    if (fate < 0.02) {
      await createDossier(trx, { principal: c.staff.motcua! }, 'refuse_receipt', input, { reason: 'Hồ sơ không thuộc thẩm quyền giải quyết của xã.' }, receivedAt);
      return null;
    }
    if (online) {
      const submitted = new Date(receivedAt.getTime() - rng.int(1, 16) * HOUR);
      w = await createDossier(trx, { citizen: true, communeId: c.communeId }, 'submit_online', input, {}, submitted);
      if (eid) await markEid(trx, w.row.id);
      if (hold === 'receipt') {
        await refreshFacts(trx, w.row.id); // with the e-identity flag
        return { id: w.row.id, returnedAt: null, signed: false };
      }
      w = await act(trx, c.staff.motcua!, w.row.id, 'receive_online', {}, receivedAt);
    } else {
      w = await createDossier(trx, { principal: c.staff.motcua! }, 'receive_counter', input, {}, receivedAt);
    }
    const id = w.row.id;
    let t = receivedAt.getTime();
    const step = async (who: Principal | { citizen: string }, type: ActionType, payload: PayloadInput, at: number): Promise<boolean> => {
      // A held dossier's steps all happen: one that would fall after `now` takes half the time left instead.
      if (at > c.now.getTime()) {
        if (!hold) return false;
        at = t + (c.now.getTime() - t) / 2;
      }
      w = await act(trx, who, id, type, payload, new Date(at), c.signing);
      t = at;
      return true;
    };
    let signed = false;
    const finish = async (returnedAt: Date | null) => {
      await refreshFacts(trx, id);
      return { id, returnedAt, signed };
    };

    if (digitise) {
      const source = rng.chance(0.1) ? 'store' : rng.chance(0.25) ? 'reuse' : 'scan';
      const [firstComp, ...rest] = p.required;
      if (firstComp) await attachFile(trx, { dossierId: id, componentCode: firstComp, fileName: `${firstComp.toLowerCase()}.pdf`, sha256: c.pdf, source, uploadedBy: c.staff.motcua!.id });
      // The other components scanned at the counter, in one statement (attachFile's row for source 'scan'; the facts
      // are refreshed at the end of the dossier).
      if (rest.length) {
        await insertScannedFiles(trx, id, rest.map((comp) => ({ componentCode: comp, fileName: `${comp.toLowerCase()}.pdf`, sha256: c.pdf, uploadedBy: c.staff.motcua!.id })));
      }
    }
    if (!(await step(c.staff.motcua!, 'assign', { unitCode: p.unit }, t + rng.int(5, 40) * 60_000))) return finish(null);
    if (hold === 'specialist') return finish(null);
    if (fate < 0.04) {
      await step(c.staff.motcua!, 'withdraw', {}, t + rng.int(1, 30) * HOUR);
      return finish(null);
    }
    if (supplement) {
      if (!(await step(specialist, 'request_supplement', { items: ['Bản sao giấy tờ tùy thân còn hiệu lực'], reason: 'Thiếu giấy tờ theo quy định.' }, t + rng.int(1, 3) * HOUR))) return finish(null);
      if (!(await step(c.staff.motcua!, 'supplement_provided', {}, t + rng.int(1, 3) * DAY))) return finish(null);
    }
    const due = w.row.due_at?.getTime() ?? t + DAY;
    const decision = late ? due + rng.int(2, 96) * HOUR : t + Math.max(0.1, rng.next() * 0.9) * Math.max(due - t, 2 * HOUR);
    const span = Math.max(decision - t, 30 * 60_000);
    const reject = fate < 0.07;
    // A refusal is proposed, signed and issued like a grant (NĐ 118/2025: written refusal with its reason).
    if (!(await step(specialist, 'propose_result', { proposalText: reject ? 'Không đủ điều kiện, đề nghị từ chối.' : 'Đủ điều kiện, đề nghị giải quyết.', proposalOutcome: reject ? 'reject' : 'approve' }, t + span * 0.5))) return finish(null);
    // Trình ký: the proposal goes to the chair, who approves it and signs the result digitally at the approval's time
    // (src/dossiers/result-signing.ts): the written refusal or the result generated from the procedure's template, or
    // the sample draft the specialist attached (older dossiers, see generateDemoActivity).
    // Online civil-status registration: the applicant checks the draft e-certificate first (they confirm it within the hour).
    if (!reject && reviveProjection(w.row.projection).draftConfirmation) {
      if (!(await step(specialist, 'send_draft', {}, t + 5 * 60_000))) return finish(null);
      if (!(await step({ citizen: applicant.idNumber }, 'confirm_draft', {}, t + rng.int(10, 60) * 60_000))) return finish(null);
    }
    if (!(await step(specialist, 'submit_for_signature', { signerId: String(c.staff.chutich!.id) }, t + 5 * 60_000))) return finish(null);
    const approveAt = t + span * 0.4;
    if (c.draft && !reject && (hold || approveAt <= c.now.getTime())) {
      await attachFile(trx, { dossierId: id, componentCode: RESULT_COMPONENT, fileName: 'du-thao-ket-qua.pdf', sha256: c.draft, source: 'upload', uploadedBy: specialist.id });
    }
    if (hold === 'signature') return finish(null); // the chair opens it, reads the proposal and the draft, signs
    if (!(await step(c.staff.chutich!, 'approve', {}, approveAt))) return finish(null);
    signed = true;
    if (reject) {
      if (!(await step(specialist, 'reject_not_eligible', { reason: 'Không đủ điều kiện theo quy định.' }, t + span * 0.1))) return finish(null);
    } else {
      if (!(await step(specialist, 'issue_result', {}, t + span * 0.1))) return finish(null);
      if (p.hasFee && p.fee > 0 && !feeExempt) {
        const ref = `DEMO${c.communeId === 'xuan-duong' ? 'XD' : 'TL'}${String(c.n).padStart(6, '0')}`;
        const at = new Date(Math.min(t + 10 * 60_000, c.now.getTime()));
        await insertOrder(trx, {
          ref, dossierId: id, communeId: c.communeId, purpose: 'fee_before', method: paidOnline ? 'online' : 'cash', amountVnd: p.fee,
          description: `Lệ phí hồ sơ ${w.row.code}`, feeCodes: [], createdBy: paidOnline ? 'citizen' : String(c.staff.motcua!.id),
          createdAt: at, expiresAt: new Date(at.getTime() + DAY),
        });
        await insertEntry(trx, ref, { kind: 'paid', amountVnd: p.fee, at, transactionNo: paidOnline ? `DT${String(c.n).padStart(8, '0')}` : null }, paidOnline ? 'gateway' : String(c.staff.motcua!.id));
      } else if (p.hasFee && feeExempt) {
        // The desk records the exemption at 0 đ, as an officer does (payments/service.ts recordCash): the dossier's fees
        // are then all 0, out of indicator 3.6's denominator.
        const ref = `DEMO${c.communeId === 'xuan-duong' ? 'XD' : 'TL'}${String(c.n).padStart(6, '0')}`;
        const at = new Date(Math.min(t + 10 * 60_000, c.now.getTime()));
        const by = String(c.staff.motcua!.id);
        await insertOrder(trx, {
          ref, dossierId: id, communeId: c.communeId, purpose: 'fee_before', method: 'exempt', amountVnd: 0,
          description: `Lệ phí hồ sơ ${w.row.code} (miễn lệ phí)`, feeCodes: [], createdBy: by, createdAt: at, expiresAt: at,
        });
        await insertEntry(trx, ref, { kind: 'paid', amountVnd: 0, at, transactionNo: null }, by);
      }
    }
    if (hold === 'return') return finish(null);
    const returned = await step(c.staff.motcua!, 'return_result', { channel: online ? 'online' : 'counter' }, t + rng.int(1, 48) * HOUR);
    return finish(returned ? new Date(t) : null);
  });
}

/** Fills the demo communes with a year of activity, only if they have no dossier yet (idempotent). `progress` hears,
 *  in Vietnamese, a handful of times (about every tenth of the dossiers, with the results signed so far, then each
 *  commune's ratings and petitions), how far the first start has got: it takes a minute or two and prints nothing
 *  else. `publicUrl`: where the signed results' QR codes point (the server's PUBLIC_URL; the configuration's by
 *  default). */
export async function generateDemoActivity(
  db: Kysely<Database>, now: Date, volume = DEMO_VOLUME, progress: (message: string) => void = () => {}, publicUrl?: string,
): Promise<{ dossiers: number }> {
  const ids = DEMO_COMMUNES.map((c) => c.id);
  if ((await anyDossierIn(db, ids)) || volume <= 0) return { dossiers: 0 };
  const shareOf = (ci: number) => Math.round(volume * (ci === 0 ? 2 / 3 : 1 / 3));
  // The dossiers expected in all, made exact as each commune's receipt instants are drawn.
  let total = ids.reduce((sum, _, ci) => sum + shareOf(ci), 0) + DEMO_TRANSFERS; // and the cross-commune ones (transfers.ts)
  let done = 0;
  let signed = 0;
  let shown = 0; // tenths of `total` already reported
  const tick = (sign: boolean) => {
    done++;
    if (sign) signed++;
    const tenths = total > 0 ? Math.min(10, Math.floor((done * 10) / total)) : 10;
    if (tenths > shown) {
      shown = tenths;
      progress(`Đang tạo dữ liệu mẫu: ${done}/${total} hồ sơ, ${signed} kết quả đã ký số…`);
    }
  };
  progress(`Đang tạo dữ liệu mẫu (chỉ ở lần khởi động đầu tiên): một năm hồ sơ của ${ids.length} xã, khoảng ${total} hồ sơ, `
    + 'kết quả ký số bằng chứng thư số thử nghiệm…');
  const rng = prng(SEED);
  const pdf = await putFile(db, TINY_PDF, 'application/pdf');
  const draft = await putFile(db, await sampleResultPdf(), 'application/pdf');
  const signing = await demoSigning(publicUrl);
  const start = now.getTime() - 365 * DAY;
  let n = 0;
  for (const [ci, communeId] of ids.entries()) {
    const staff = await principals(db, communeId);
    if (!staff.motcua || !staff.hotich || !staff.diachinh || !staff.chutich) {
      total -= shareOf(ci);
      continue;
    }
    await issueDemoCertificates(db, signing, communeId, staff.chutich.id, new Date(start));
    const procs = await demoProcedures(db, now);
    const count = shareOf(ci);
    // Receipt instants, sorted so that each day's codes follow the order of intake; a little more in later months.
    const times = Array.from({ length: count }, () => {
      const day = start + Math.pow(rng.next(), 0.85) * 365 * DAY;
      return workingInstant(rng, day, Math.min(day + 3 * DAY, now.getTime()));
    }).sort((a, b) => a.getTime() - b.getTime()).filter((t) => t < now);
    total -= count - times.length;
    const procOf = times.map(() => pick(rng, procs));
    // The most recent civil-status and certification dossiers sign the result generated from their procedure's
    // template; the others sign the sample draft (sample-result.ts), which saves drawing hundreds of results.
    const generated = new Set(procOf.flatMap((p, i) => (GENERATED_FIELDS.includes(p.field) ? [i] : [])).slice(-GENERATED_RESULTS));
    const held = heldDossiers(times, procOf, now);
    const rated: { id: string; at: Date; x: number }[] = [];
    // A few dossiers at a time (each in its own transaction, with its own seeded PRNG, so the data do not depend on
    // the interleaving; only the order of the sequence numbers within a day may).
    const first = n;
    n += times.length;
    let next = 0;
    await Promise.all(Array.from({ length: PARALLEL }, async () => {
      for (let i = next++; i < times.length; i = next++) {
        const at = times[i]!;
        const own = prng(SEED + first + i);
        const c: Ctx = { db, now, rng: own, staff, communeId, pdf, n: first + i, signing, draft: generated.has(i) ? null : draft, hold: held.get(i) ?? null };
        const r = await oneDossier(c, procOf[i]!, at, (at.getTime() - start) / (365 * DAY));
        if (r?.returnedAt && own.chance(0.35)) {
          const ratedAt = new Date(r.returnedAt.getTime() + own.int(1, 72) * HOUR);
          if (ratedAt < now) rated.push({ id: r.id, at: ratedAt, x: own.next() });
        }
        tick(!!r?.signed);
      }
    }));
    progress(`Đang tạo dữ liệu mẫu: ${rated.length} lượt đánh giá sự hài lòng, phản ánh và kiến nghị (xã ${ci + 1}/${ids.length})…`);
    for (const { id, at, x } of rated) {
      const overall = x < 0.62 ? 'very_satisfied' : x < 0.96 ? 'satisfied' : 'dissatisfied';
      await saveRating(db, id, { overall, criteria: {}, comment: overall === 'dissatisfied' ? 'Phải đi lại nhiều lần.' : null }, at, 'portal');
    }
    await generateDemoPetitions(db, communeId, now); // 766 5.2/5.3 and the published answers
  }
  n += await generateDemoTransfers(db, now, signing, progress, tick); // location-independent receipt between the two communes
  progress(`Đã tạo dữ liệu mẫu: ${n} hồ sơ, ${signed} kết quả đã ký số.`);
  return { dossiers: n };
}
