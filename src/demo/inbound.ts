// Demo: a few dossiers filed on the national public-service portal in the last working days arrive at the commune
// through the inbound endpoint's own service (src/inbound/receive.ts), as the portal forwards them: they wait in
// "Việc cần làm" for the one-stop desk's receipt, marked as coming from the portal. Fictional applicants (the
// e-identity stand-in's citizens). Idempotent: their portal codes are fixed per commune and day, so a second run is
// a replay that writes nothing.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { vnDate } from '../calendar/core/index.ts';
import { gatewayDate } from '../payments/core/protocol.ts';
import { TEST_CITIZENS } from '../outside/identity-citizens.ts';
import { receiveInbound } from '../inbound/receive.ts';

const HOUR = 3_600_000;
const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** What was filed on the portal: procedure, its components sent as files, hours before `now`. */
const FILINGS = [
  { procedure: '1.001193', components: ['TO_KHAI', 'GIAY_CHUNG_SINH'], hoursAgo: 3, summary: 'Đăng ký khai sinh cho con' },
  { procedure: '1.004873', components: ['TO_KHAI'], hoursAgo: 20, summary: 'Xác nhận tình trạng hôn nhân để đăng ký kết hôn' },
  { procedure: '1.001193', components: ['TO_KHAI'], hoursAgo: 27, summary: null },
] as const;

/** Forwards the demo's portal filings for one commune; returns how many dossiers were created or replayed. */
export async function generateDemoInbound(db: Kysely<Database>, communeId: string, now: Date): Promise<number> {
  let n = 0;
  for (const [i, f] of FILINGS.entries()) {
    const filedAt = new Date(now.getTime() - f.hoursAgo * HOUR);
    const person = TEST_CITIZENS[i % TEST_CITIZENS.length]!;
    const yymmdd = vnDate(filedAt).slice(2).replace(/-/g, '');
    const answer = await receiveInbound(db, {
      MaHoSo: `G22.99-${yymmdd}-99${String(i + 1).padStart(4, '0')}-${communeId}`,
      MaTTHC: f.procedure,
      MaDonViTiepNhan: communeId,
      ChuHoSo: person.name,
      SoGiayToChuHoSo: person.idNumber,
      LoaiDoiTuong: 1,
      MaDoiTuong: person.sub,
      SoDienThoai: `09${person.idNumber.slice(-8)}`,
      DiaChi: 'Thôn Đồng Tâm',
      ...(f.summary ? { TrichYeuHoSo: f.summary } : {}),
      NgayNopHoSo: gatewayDate(filedAt),
      TaiKhoanDuocXacThucVoiVNeID: person.level >= 2 ? 1 : 0,
      DinhDanhCHS: [{ LoaiDinhDanh: 1, SoDinhDanh: person.idNumber }],
      TaiLieuNop: f.components.map((c, k) => ({
        TepDinhKemId: `demo-${i + 1}-${k + 1}`, TenTepDinhKem: `${c.toLowerCase().replace(/_/g, '-')}.pdf`, MaThanhPhanHoSo: c,
        LoaiTep: 'application/pdf', NoiDungTep: TINY_PDF.toString('base64'),
      })),
    }, now);
    if (answer.status === 200) n++;
  }
  return n;
}
