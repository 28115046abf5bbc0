// Benchmark data: several communes (a province on one server) and ≥ 100,000 dossiers with their first log
// entry, written by set-based SQL (INSERT … SELECT generate_series) in seconds.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/db/schema.ts';
import { UNITS } from '../src/demo/communes.ts';

export interface BenchCommune {
  id: string;
  agencyCode: string;
  receivingUnitId: number;
}

export async function benchCommunes(db: Kysely<Database>, n: number): Promise<BenchCommune[]> {
  const out: BenchCommune[] = [];
  for (let i = 1; i <= n; i++) {
    const id = `bench-${String(i).padStart(2, '0')}`;
    const agencyCode = `000.BENCH.${String(i).padStart(2, '0')}.H55`;
    await db.insertInto('communes').values({ id, name: `Xã thử tải ${i}`, province: 'Thái Nguyên', agency_code: agencyCode, agency_code_is_demo: true }).execute();
    const units = await db
      .insertInto('units')
      .values(UNITS.map((u) => ({ commune_id: id, code: u.code, name: u.name, receives_dossiers: u.receivesDossiers, agency_code: u.receivesDossiers ? agencyCode : null })))
      .returning(['id', 'code'])
      .execute();
    out.push({ id, agencyCode, receivingUnitId: units.find((u) => u.code === 'TTPVHCC')!.id });
  }
  return out;
}

/** Inserts `n` received dossiers spread over the communes and over past days; returns a sample for lookups. */
export async function preload(db: Kysely<Database>, communes: BenchCommune[], n: number) {
  const ids = communes.map((c) => c.id);
  const agencies = communes.map((c) => c.agencyCode);
  const units = communes.map((c) => c.receivingUnitId);
  await sql`
    WITH src AS (
      SELECT i, (i % ${communes.length}) + 1 AS c, (i / ${communes.length}) AS j FROM generate_series(0, ${n - 1}) AS i
    ), rows AS (
      SELECT i, c, gen_random_uuid() AS id,
             (date '2025-01-02' + (j / 100)::int) AS day, (j % 100) + 1 AS seq,
             lpad((100000000000 + i)::text, 12, '0') AS idnum
      FROM src
    ), ins AS (
      INSERT INTO dossiers (id, commune_id, code, procedure_code, procedure_version, channel, state, applicant_name, applicant,
        applicant_id_number, receiving_unit_id, competent_authority, current_unit_id, submitted_at, received_at,
        due_at, original_due_at, projection, event_count, last_hash, dossier_month)
      SELECT r.id, (${ids}::text[])[r.c],
             (${agencies}::text[])[r.c] || '-' || to_char(r.day, 'YYMMDD') || '-' || lpad(r.seq::text, 4, '0'),
             '2.000815', 1, 'direct', CASE WHEN r.i % 5 = 0 THEN 10 ELSE 4 END, 'Người dân ' || r.i, '{}'::jsonb, r.idnum,
             (${units}::bigint[])[r.c], 'Ủy ban nhân dân cấp xã', (${units}::bigint[])[r.c],
             r.day + time '08:00', r.day + time '08:00', r.day + time '17:00', r.day + time '17:00',
             jsonb_build_object('state', 4, 'version', 1, 'receivingUnitCode', 'TTPVHCC', 'currentUnitCode', 'TTPVHCC'),
             1, md5(r.id::text), xaso_month((r.day + time '08:00')::timestamptz)
      FROM rows r
      RETURNING id, received_at, last_hash, dossier_month
    )
    INSERT INTO dossier_events (dossier_id, seq, action, from_state, to_state, actor_id, actor_role, actor_unit, at, payload, changes, hash, dossier_month)
    SELECT id, 1, 'receive_counter', NULL, 2, 'system', 'system', 'TTPVHCC', received_at, '{}'::jsonb, '{}'::jsonb, last_hash, dossier_month FROM ins
  `.execute(db);
  await sql`ANALYZE`.execute(db);
  const sample = await sql<{ code: string; last4: string }>`
    SELECT code, right(applicant_id_number, 4) AS last4 FROM dossiers WHERE commune_id LIKE 'bench-%' ORDER BY random() LIMIT 10000`.execute(db);
  return sample.rows;
}
