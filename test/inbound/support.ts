// Helpers for the inbound tests: a forwarded dossier as the national portal sends it, and the call.
import type { TestApp } from '../support/app.ts';

export const URL = '/api/v1/lien-thong/dvcqg/ho-so';
export const KHAI_SINH = '1.001193'; // same day, offered online, components TO_KHAI, GIAY_CHUNG_SINH, …
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('not really an image')]);

let n = 0;
/** A fresh portal code. */
export const portalCode = () => `G22.99-261204-${String(++n).padStart(4, '0')}`;

export function hoso(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    MaHoSo: portalCode(),
    MaTTHC: KHAI_SINH,
    TenTTHC: 'Đăng ký khai sinh',
    MaDonViTiepNhan: 'xuan-duong',
    ChuHoSo: 'Lê Thị Hồng',
    SoGiayToChuHoSo: '001190004567',
    LoaiDoiTuong: 1,
    MaDoiTuong: 'vneid-001190004567',
    SoDienThoai: '0912345678',
    Email: 'hong@example.vn',
    DiaChi: 'Thôn Đồng Tâm, xã Xuân Dương',
    TrichYeuHoSo: 'Đăng ký khai sinh cho con',
    NgayNopHoSo: '20261204103000',
    TaiKhoanDuocXacThucVoiVNeID: 1,
    DinhDanhCHS: [{ LoaiDinhDanh: 1, SoDinhDanh: '001190004567' }],
    TaiLieuNop: [
      { TepDinhKemId: 'f-1', TenTepDinhKem: 'to-khai.pdf', MaThanhPhanHoSo: 'TO_KHAI', LoaiTep: 'application/pdf', NoiDungTep: PDF.toString('base64') },
      { TepDinhKemId: 'f-2', TenTepDinhKem: 'giay-chung-sinh.png', MaThanhPhanHoSo: 'GIAY_CHUNG_SINH', LoaiTep: 'image/png', NoiDungTep: PNG.toString('base64') },
    ],
    ...over,
  };
}

export async function forward(t: TestApp, body: unknown, o: { key?: string | null; headers?: Record<string, string>; raw?: string } = {}) {
  const key = o.key === undefined ? t.outside.portal.inboundKey : o.key;
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(key !== null ? { authorization: `Bearer ${key}` } : {}), ...(o.headers ?? {}) };
  const res = await t.app.inject({ method: 'POST', url: URL, headers, payload: o.raw ?? JSON.stringify(body) });
  return { status: res.statusCode, body: res.json() as { error_code: string; message: string; MaHoSo?: string; errors?: { field: string; message: string }[] }, headers: res.headers };
}

/** What a receipt writes, counted: dossiers carrying a portal code, their files and entries, the receipt rows. */
export async function written(t: TestApp) {
  const one = async (q: Promise<{ n: string | number | bigint | null }>) => Number((await q).n);
  const db = t.db;
  return {
    dossiers: await one(db.selectFrom('dossiers').select((eb) => eb.fn.countAll().as('n')).where('external_code', 'is not', null).executeTakeFirstOrThrow() as never),
    inbound: await one(db.selectFrom('inbound_dossiers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow() as never),
    events: await one(db.selectFrom('dossier_events').select((eb) => eb.fn.countAll().as('n')).where('actor_id', '=', 'system:dvcqg').executeTakeFirstOrThrow() as never),
    files: await one(db.selectFrom('dossier_files as f').innerJoin('dossiers as d', 'd.id', 'f.dossier_id')
      .select((eb) => eb.fn.countAll().as('n')).where('d.external_code', 'is not', null).executeTakeFirstOrThrow() as never),
  };
}
