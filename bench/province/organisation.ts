// The benchmark province's organisation, written by set-based SQL: `communes` communes of one province, each with
// the demo's six units (src/demo/communes.ts UNITS), the desk's support point (what onboardCommune() gives a
// receiving unit, src/province/onboard.ts) and the demo's eight accounts per commune (one argon2id hash shared by
// all, password DEMO_PASSWORD), plus the province's follow-up officer (province_viewer) kept with the first commune.
import type pg from 'pg';
import { UNITS, DEMO_PASSWORD } from '../../src/demo/communes.ts';
import { hashPassword } from '../../src/identity/staff/auth.ts';

export const PROVINCE = 'Tỉnh Thử Tải';
export const VIEWER = 'tinh.theodoi.thutai';
export const communeId = (i: number) => `thu-tai-${String(i).padStart(3, '0')}`;

/** The accounts of every commune: username suffix, name, title, unit code, roles (as the demo's staffOf()). */
export const STAFF = [
  ['admin', 'Đỗ Minh Quân', 'Quản trị hệ thống', 'VP', ['admin']],
  ['motcua', 'Nguyễn Thị Lan', 'Công chức tiếp nhận', 'TTPVHCC', ['receiving_officer']],
  ['hotich', 'Trần Văn Minh', 'Công chức Tư pháp - Hộ tịch', 'VHXH', ['specialist']],
  ['truongvhxh', 'Lê Thị Hoa', 'Trưởng phòng Văn hóa - Xã hội', 'VHXH', ['unit_head', 'cchc_coordinator']],
  ['diachinh', 'Phạm Văn Đức', 'Công chức Địa chính - Xây dựng', 'KT', ['specialist']],
  ['truongkt', 'Vũ Thị Mai', 'Trưởng phòng Kinh tế', 'KT', ['unit_head']],
  ['chutich', 'Hoàng Văn Nam', 'Chủ tịch UBND xã', 'VP', ['leader']],
  ['giamdoc', 'Bùi Thị Thu', 'Giám đốc Trung tâm Phục vụ hành chính công', 'TTPVHCC', ['unit_head', 'receiving_officer']],
] as const;

export const username = (commune: string, suffix: string) => `${commune}.${suffix}`;

/** Per commune, what the dossier generator needs: ids of units and staff, in arrays indexed by commune number − 1. */
export interface Organisation {
  ids: string[];
  agencies: string[];
  desk: number[];
  point: number[];
  vhxh: number[];
  kt: number[];
  motcua: number[];
  hotich: number[];
  diachinh: number[];
  truongvhxh: number[];
  truongkt: number[];
  chutich: number[];
}

export async function createOrganisation(c: pg.Client, communes: number): Promise<Organisation> {
  const hash = await hashPassword(DEMO_PASSWORD);
  await c.query(`
    INSERT INTO communes (id, name, province, agency_code, agency_code_is_demo)
    SELECT 'thu-tai-' || lpad(i::text, 3, '0'), 'Xã Thử Tải ' || lpad(i::text, 3, '0'), $1, '000.TT.' || lpad(i::text, 3, '0') || '.H99', true
      FROM generate_series(1, $2::int) i`, [PROVINCE, communes]);
  await c.query(`
    INSERT INTO units (commune_id, code, name, receives_dossiers, agency_code)
    SELECT co.id, u.code, u.name, u.receives, CASE WHEN u.receives THEN co.agency_code END
      FROM communes co CROSS JOIN unnest($2::text[], $3::text[], $4::boolean[]) AS u(code, name, receives)
     WHERE co.province = $1 ORDER BY co.id`, [PROVINCE, UNITS.map((u) => u.code), UNITS.map((u) => u.name), UNITS.map((u) => u.receivesDossiers)]);
  await c.query(`
    INSERT INTO support_points (commune_id, code, name, kind, unit_id)
    SELECT u.commune_id, 'TTPVHCC', u.name, 'desk', u.id FROM units u JOIN communes co ON co.id = u.commune_id
     WHERE co.province = $1 AND u.receives_dossiers`, [PROVINCE]);
  await c.query(`
    INSERT INTO staff (commune_id, unit_id, username, full_name, title, roles, password_hash)
    SELECT co.id, u.id, co.id || '.' || s.suffix, s.full_name, s.title, string_to_array(s.roles, ','), $2
      FROM communes co
      CROSS JOIN unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS s(suffix, full_name, title, unit, roles)
      JOIN units u ON u.commune_id = co.id AND u.code = s.unit
     WHERE co.province = $1 ORDER BY co.id`,
  [PROVINCE, hash, STAFF.map((s) => s[0]), STAFF.map((s) => s[1]), STAFF.map((s) => s[2]), STAFF.map((s) => s[3]), STAFF.map((s) => s[4].join(','))]);
  await c.query(`INSERT INTO staff (commune_id, unit_id, username, full_name, title, roles, password_hash)
    VALUES ($1, NULL, $2, 'Ngô Văn Bình', 'Chuyên viên Sở Nội vụ theo dõi CCHC', ARRAY['province_viewer'], $3)`, [communeId(1), VIEWER, hash]);

  const rows = (await c.query<{ id: string; agency_code: string; point: string; unit: Record<string, number>; staff: Record<string, number> }>(`
    SELECT co.id, co.agency_code,
           (SELECT jsonb_object_agg(u.code, u.id) FROM units u WHERE u.commune_id = co.id) AS unit,
           (SELECT sp.id FROM support_points sp WHERE sp.commune_id = co.id AND sp.kind = 'desk') AS point,
           (SELECT jsonb_object_agg(split_part(s.username, '.', 2), s.id) FROM staff s WHERE s.commune_id = co.id AND s.unit_id IS NOT NULL) AS staff
      FROM communes co WHERE co.province = $1 ORDER BY co.id`, [PROVINCE])).rows;
  const pick = (f: (r: (typeof rows)[number]) => number) => rows.map(f);
  return {
    ids: rows.map((r) => r.id), agencies: rows.map((r) => r.agency_code),
    desk: pick((r) => r.unit.TTPVHCC!), point: pick((r) => Number(r.point)), vhxh: pick((r) => r.unit.VHXH!), kt: pick((r) => r.unit.KT!),
    motcua: pick((r) => r.staff.motcua!), hotich: pick((r) => r.staff.hotich!), diachinh: pick((r) => r.staff.diachinh!),
    truongvhxh: pick((r) => r.staff.truongvhxh!), truongkt: pick((r) => r.staff.truongkt!), chutich: pick((r) => r.staff.chutich!),
  };
}
