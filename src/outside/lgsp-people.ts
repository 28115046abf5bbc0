// The fictional people of the stand-in provincial platform (lgsp-standin.ts): the citizens of the e-identity
// stand-in (identity-citizens.ts), so that a citizen logged in there is found in the population database, plus a
// married couple and their newborn with a birth record. None of them is a real person.
import { TEST_CITIZENS } from './identity-citizens.ts';

export interface StandInPerson {
  soDinhDanh: string; hoVaTen: string; ngaySinh: string; gioiTinh: 'Nam' | 'Nữ';
  noiThuongTru: string; noiOHienTai: string; danToc: string; quocTich: string;
}

const XD = 'xã Xuân Dương, tỉnh Thái Nguyên';
const EXTRA: Record<string, Omit<StandInPerson, 'soDinhDanh' | 'hoVaTen' | 'ngaySinh'>> = {
  '001190004567': { gioiTinh: 'Nữ', noiThuongTru: `Thôn Đồng Tâm, ${XD}`, noiOHienTai: `Thôn Đồng Tâm, ${XD}`, danToc: 'Kinh', quocTich: 'Việt Nam' },
  '019085012345': { gioiTinh: 'Nam', noiThuongTru: `Thôn Nà Ấm, ${XD}`, noiOHienTai: `Số 12 đường Hoàng Văn Thụ, phường Phan Đình Phùng, tỉnh Thái Nguyên`, danToc: 'Tày', quocTich: 'Việt Nam' },
  '019301000789': { gioiTinh: 'Nữ', noiThuongTru: `Thôn Khuổi Chủ, ${XD}`, noiOHienTai: `Thôn Khuổi Chủ, ${XD}`, danToc: 'Nùng', quocTich: 'Việt Nam' },
};

/** dd/MM/yyyy, as the platform writes dates. */
const vn = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

export const STANDIN_PEOPLE: readonly StandInPerson[] = [
  ...TEST_CITIZENS.map((c) => ({ soDinhDanh: c.idNumber, hoVaTen: c.name, ngaySinh: vn(c.birthdate), ...EXTRA[c.idNumber]! })),
  { soDinhDanh: '019088003456', hoVaTen: 'Phạm Văn Dũng', ngaySinh: '09/08/1988', gioiTinh: 'Nam', noiThuongTru: `Thôn Đồng Tâm, ${XD}`, noiOHienTai: `Thôn Đồng Tâm, ${XD}`, danToc: 'Kinh', quocTich: 'Việt Nam' },
  { soDinhDanh: '019192007788', hoVaTen: 'Hoàng Thị Lan', ngaySinh: '21/04/1992', gioiTinh: 'Nữ', noiThuongTru: `Thôn Đồng Tâm, ${XD}`, noiOHienTai: `Thôn Đồng Tâm, ${XD}`, danToc: 'Tày', quocTich: 'Việt Nam' },
  { soDinhDanh: '019226000123', hoVaTen: 'Phạm Gia Bảo', ngaySinh: '15/01/2026', gioiTinh: 'Nam', noiThuongTru: `Thôn Đồng Tâm, ${XD}`, noiOHienTai: `Thôn Đồng Tâm, ${XD}`, danToc: 'Kinh', quocTich: 'Việt Nam' },
];

export const STANDIN_BIRTHS = [
  { soDangKy: '125', quyenSo: '01/2026', ngayDangKy: '20/01/2026', noiDangKy: `Ủy ban nhân dân ${XD}`, hoTen: 'Phạm Gia Bảo', ngaySinh: '15/01/2026', hoTenMe: 'Hoàng Thị Lan', hoTenCha: 'Phạm Văn Dũng' },
];

export const STANDIN_MARRIAGES = [
  { soDangKy: '45', quyenSo: '01/2024', ngayDangKy: '08/06/2024', noiDangKy: `Ủy ban nhân dân ${XD}`, hoTenChong: 'Phạm Văn Dũng', hoTenVo: 'Hoàng Thị Lan' },
];
