// The catalogue covers every commune procedure of the July 2025 list (domain.md §6 table, rows 1–30 and the police
// row), and the procedures added for issue 12 ("Missing: procedures") carry their statutory time, fee and flags.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findSeedProcedure, seedProcedures } from '../../src/catalogue/seed/index.ts';
import { feeFor, legalWorkingHours, validateProcedure } from '../../src/catalogue/core/validate.ts';
import { CIVIL_STATUS_EXEMPT, EXEMPT_GROUP_FIELD, REFORM_DATE } from '../../src/catalogue/seed/builders.ts';

const vnMidnight = (day: string) => new Date(`${day}T00:00:00+07:00`);
const AT = vnMidnight('2026-01-15');
const get = (code: string) => {
  const p = findSeedProcedure(code, AT);
  assert.ok(p, `${code} is in the catalogue`);
  return p;
};

/** domain.md §6: the row of the table → the catalogue codes that carry it. */
const ROWS: Record<string, string[]> = {
  '1 khai sinh': ['1.001193'],
  '2 kết hôn': ['1.000894'],
  '3 khai tử': ['1.000656'],
  '4 xác nhận tình trạng hôn nhân': ['1.004873'],
  '5 thay đổi, cải chính hộ tịch': ['HT.LOCAL.001'],
  '6 bổ sung thông tin hộ tịch': ['HT.LOCAL.002'],
  '7 nhận cha, mẹ, con (trong nước; có yếu tố nước ngoài)': ['1.001022', 'HT.LOCAL.007'],
  '8 giám hộ; chấm dứt giám hộ': ['1.004837', 'HT.LOCAL.003'],
  '9 đăng ký lại khai sinh': ['1.004884'],
  '10 bản sao trích lục hộ tịch': ['2.000635'],
  '11 kết hôn có yếu tố nước ngoài': ['2.000806'],
  '12 ghi vào Sổ hộ tịch việc kết hôn, ly hôn ở nước ngoài': ['HT.LOCAL.005', 'HT.LOCAL.006'],
  '13 chứng thực bản sao từ bản chính': ['2.000815'],
  '14 chứng thực chữ ký': ['2.000884'],
  '15 chứng thực hợp đồng, giao dịch (sửa đổi, sửa lỗi)': ['CT.LOCAL.002', 'CT.LOCAL.003', 'CT.LOCAL.004'],
  '16 bản sao từ sổ gốc': ['2.000908'],
  '17 chứng thực chữ ký người dịch': ['CT.LOCAL.001'],
  '18 trợ cấp xã hội hằng tháng': ['XH.LOCAL.001'],
  '19 trợ cấp hưu trí xã hội': ['XH.LOCAL.002'],
  '20 hỗ trợ chi phí mai táng': ['XH.LOCAL.003'],
  '21 hộ nghèo, cận nghèo phát sinh': ['XH.LOCAL.004'],
  '22 cấp Giấy chứng nhận lần đầu': ['DD.LOCAL.001'],
  '23 đính chính Giấy chứng nhận': ['DD.LOCAL.002'],
  '24 chuyển mục đích sử dụng đất': ['DD.LOCAL.003'],
  '25 giấy phép xây dựng nhà ở riêng lẻ': ['XD.LOCAL.001'],
  '26 gia hạn giấy phép xây dựng': ['XD.LOCAL.002'],
  '27 hộ kinh doanh': ['KD.LOCAL.001'],
  '28 lễ hội cấp xã': ['VH.LOCAL.001'],
  '29 tín ngưỡng, tôn giáo': ['TG.LOCAL.001', 'TG.LOCAL.002'],
  '30 xác nhận thông tin hộ tịch': ['HT.LOCAL.004'],
  '— thường trú, tạm trú, xác nhận cư trú (Công an xã)': ['CA.LOCAL.001', 'CA.LOCAL.002', 'CA.LOCAL.003'],
};

test('every row of the commune list has its procedures in force from the reform on, each valid', () => {
  for (const [row, codes] of Object.entries(ROWS)) {
    for (const code of codes) {
      for (const day of [REFORM_DATE, '2026-01-15', '2026-07-01', '2030-01-01']) {
        const p = findSeedProcedure(code, vnMidnight(day));
        assert.ok(p, `row ${row}: ${code} in force on ${day}`);
        assert.deepEqual(validateProcedure(p), [], `row ${row}: ${code}`);
      }
    }
  }
  // Nothing in the catalogue outside the list (a new procedure gets its row here).
  const listed = new Set(Object.values(ROWS).flat());
  assert.deepEqual([...new Set(seedProcedures.map((p) => p.code))].filter((c) => !listed.has(c)), []);
});

test('nhận cha, mẹ, con có yếu tố nước ngoài: 10 working days, provincial fee with the civil-status exemptions (NĐ 120/2025)', () => {
  const p = get('HT.LOCAL.007');
  assert.equal(p.name, 'Đăng ký nhận cha, mẹ, con có yếu tố nước ngoài');
  assert.equal(p.field.code, 'HOTICH');
  assert.equal(p.authority, 'Ủy ban nhân dân cấp xã');
  assert.equal(p.handlingUnitCode, 'VHXH');
  assert.equal(p.effectiveFrom, REFORM_DATE);
  assert.deepEqual(p.processingTime, { unit: 'working_days', value: 10 });
  assert.equal(p.timeVariants, undefined); // the 10 days include verification and posting
  assert.equal(p.processSteps.reduce((s, x) => s + x.hours, 0), legalWorkingHours(p.processingTime));
  assert.ok(p.steps.some((s) => /niêm yết.*05 ngày làm việc.*05 ngày làm việc/.test(s)));
  assert.ok(p.legalBasis.some((b) => b.document.startsWith('Nghị định 120/2025') && /10 ngày làm việc/.test(b.note ?? '')));
  assert.ok(p.legalBasis.some((b) => b.article === 'Điều 43, Điều 44'));
  // The fee is the province's (HĐND tỉnh), so its amount and its resolution are marked uncertain.
  const [fee] = p.fees;
  assert.equal(p.fees.length, 1);
  assert.equal(fee!.amountVnd, 1_000_000);
  assert.equal(fee!.kind, 'charge');
  assert.deepEqual(fee!.exemptions, CIVIL_STATUS_EXEMPT);
  assert.equal(fee!.exemptionsBasis, 'Luật Hộ tịch 2014, Điều 11 khoản 1');
  assert.equal(fee!.exemptionField, EXEMPT_GROUP_FIELD);
  assert.equal(p.flags.hasFee, true);
  for (const path of ['code', 'fees.0.amountVnd', 'fees.0.legalBasis', 'processSteps']) assert.ok(p.uncertain.includes(path), path);
  // The same e-form names as the domestic procedure (its trích lục template fits both), foreign papers required.
  const names = (code: string) => get(code).components.flatMap((c) => c.form?.fields.map((f) => f.name) ?? []);
  for (const name of ['recognizerFullName', 'recognizedFullName', 'relationship']) assert.ok(names('HT.LOCAL.007').includes(name), name);
  assert.ok(p.components.some((c) => c.code === 'HO_CHIEU' && c.required));
  assert.ok(p.methods.includes('online'));
  assert.equal(p.flags.eligibleFullOnline, false);
  assert.equal(p.resultType, get('1.001022').resultType);
});

test('xác nhận thông tin về cư trú: a routing entry for Công an xã, 01 working day (03 with verification), no fee', () => {
  const p = get('CA.LOCAL.003');
  assert.equal(p.name, 'Xác nhận thông tin về cư trú');
  assert.equal(p.handlingUnitCode, 'CA');
  assert.equal(p.authority, 'Công an cấp xã');
  assert.ok(p.sources.some((s) => s.includes('định tuyến')));
  assert.deepEqual(p.processingTime, { unit: 'working_days', value: 1 });
  assert.deepEqual(p.timeVariants, [
    { code: 'XAC_MINH', name: 'Trường hợp cần xác minh', processingTime: { unit: 'working_days', value: 3 }, legalBasis: 'Thông tư 55/2021/TT-BCA (sửa đổi, bổ sung bởi Thông tư 66/2023/TT-BCA), Điều 17' },
  ]);
  assert.deepEqual(p.fees, []);
  assert.equal(p.flags.hasFee, false);
  assert.equal(feeFor(p), 0);
  assert.equal(p.flags.eligibleFullOnline, true);
  for (const path of ['code', 'processingTime', 'timeVariants.0', 'fees', 'legalBasis.1.article']) assert.ok(p.uncertain.includes(path), path);
});

test('property: the foreign-element recognition fee is the flat amount per case, and 0 for any exempt person', () => {
  const p = get('HT.LOCAL.007');
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 50 }), fc.option(fc.constantFrom(...CIVIL_STATUS_EXEMPT), { nil: undefined }), (units, exemption) => {
      const amount = feeFor(p, { units, ...(exemption ? { exemption } : {}) });
      assert.equal(amount, exemption ? 0 : 1_000_000 * units);
    }),
  );
});

test('property: the added procedures are in force exactly from the reform on (Vietnam local days)', () => {
  const reform = Date.parse(`${REFORM_DATE}T00:00:00+07:00`);
  fc.assert(
    fc.property(fc.integer({ min: reform - 400 * 86_400_000, max: reform + 3_000 * 86_400_000 }), (ms) => {
      for (const code of ['HT.LOCAL.007', 'CA.LOCAL.003']) assert.equal(findSeedProcedure(code, new Date(ms)) !== undefined, ms >= reform, code);
    }),
  );
});
