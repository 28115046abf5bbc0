// The rows of each open dataset from the figures the system already computes (pure).
import type { IndexResult } from '../../indicators/core/score.ts';
import type { TargetStatus } from '../../indicators/core/targets.ts';
import type { StoredProcedure } from '../../catalogue/core/types.ts';
import { describeProcessingTime } from '../../catalogue/core/time.ts';
import { fmtMoney } from '../../shared/format.ts';
import { suppressed } from './suppress.ts';
import type { Row } from './datasets.ts';

const STATUS = { ok: 'da_tinh', no_data: 'khong_co_ho_so', unavailable: 'chua_tinh_duoc' } as const;

export function indicatorRows(year: number, index: IndexResult): Row[] {
  return index.groups.flatMap((g) => g.indicators.map((i) => ({
    nam: year, ma_nhom: String(g.id), ten_nhom: g.name, ma_chi_so: i.def.id, ten_chi_so: i.def.name, trang_thai: STATUS[i.status],
    tu_so: i.numerator, mau_so: i.denominator, ty_le: i.rate, diem: i.score, diem_toi_da: i.def.maxPoints,
  })));
}

export function targetRows(year: number, targets: readonly TargetStatus[]): Row[] {
  return targets.map((t) => ({
    ma_chi_tieu: t.target.id, noi_dung: t.target.text, muc_tieu: t.target.target, cach_tinh: t.target.definition, nam: year, gia_tri: t.value, dat: t.met,
  }));
}

/** Counts of one procedure in one month, as the store sums them from the indicator facts. */
export interface MonthCounts {
  month: string; procedureCode: string; procedureName: string; fieldName: string;
  received: number; receivedOnline: number; finished: number; onTime: number; late: number; returned: number;
}

export function monthRows(counts: readonly MonthCounts[]): Row[] {
  return counts.map((c) => ({
    thang: c.month, ma_thu_tuc: c.procedureCode, ten_thu_tuc: c.procedureName, linh_vuc: c.fieldName,
    tiep_nhan: suppressed(c.received), tiep_nhan_truc_tuyen: suppressed(c.receivedOnline), giai_quyet_xong: suppressed(c.finished),
    dung_han: suppressed(c.onTime), tre_han: suppressed(c.late), da_tra_ket_qua: suppressed(c.returned),
  }));
}

const METHOD: Record<string, string> = { direct: 'Trực tiếp', online: 'Trực tuyến', postal: 'Bưu chính công ích' };

export function procedureRows(procedures: readonly StoredProcedure[]): Row[] {
  return procedures.map((p) => ({
    ma_thu_tuc: p.code, ten_thu_tuc: p.name, ma_linh_vuc: p.field.code, linh_vuc: p.field.name, co_quan_giai_quyet: p.authority,
    thoi_han: describeProcessingTime(p.processingTime),
    phi_le_phi: p.fees.map((f) => `${f.name}: ${f.perUnit ? `theo ${f.perUnit.unit}` : f.amountVnd ? fmtMoney(f.amountVnd) : 'miễn'}`).join('; '),
    cach_thuc: p.methods.map((m) => METHOD[m] ?? m).join('; '),
    truc_tuyen_toan_trinh: !!p.flags.eligibleFullOnline && p.methods.includes('online') && !p.routingOnly,
    mau_don_to_khai: p.components.filter((c) => c.form).map((c) => c.name).join('; '),
    chi_huong_dan: p.routingOnly === true,
    hieu_luc_tu: p.effectiveFrom,
  }));
}
