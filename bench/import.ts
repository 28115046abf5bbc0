// `npm run bench:import` (issue 15 § Benchmarks): `xaso import dossiers` on a generated file of BENCH_ROWS rows (default
// 1,000,000) against the embedded PostgreSQL. Not a test: it prints figures (also as JSON to bench-results/import.json).
// Measured: the whole import in rows/s, in two runs, the first stopped (as by Ctrl+C) after BENCH_STOP_AT of the rows
// (default 0.3), the second resuming from the recorded position; the time the resume spent re-reading the rows already
// done; the first pass (sha256 + row count); the rebuild of the indicator rollup at the end is inside the run's time.
//
// Data: a CSV in the columns of src/imports/core/columns.ts, dossiers received between August 2025 and November 2026 on
// the shipped procedures in force then, 90 % returned, the rest processed, processing, refused or withdrawn; 1 % of the
// rows broken (an unknown procedure, a missing date), so the report of rejected rows is written too.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withBenchDatabase } from './database.ts';
import { runImport } from '../src/imports/service.ts';
import { scanFile } from '../src/imports/read.ts';
import { formatSyncTime } from '../src/imports/core/dates.ts';
import { procedureRefs } from '../src/imports/store.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const STOP_AT = Number(process.env.BENCH_STOP_AT ?? 0.3);
const BATCH = Number(process.env.BENCH_BATCH ?? 2000);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const r2 = (n: number) => Math.round(n * 100) / 100;
const HOUR = 3_600_000;

async function writeFile(file: string, codes: string[]) {
  const out = fs.createWriteStream(file);
  const write = (s: string) => new Promise<void>((resolve) => (out.write(s) ? resolve() : out.once('drain', () => resolve())));
  await write('MaHoSo,MaTTHC,KenhThucHien,ChuHoSo,SoGiayToChuHoSo,TrangThaiHoSo,NgayNopHoSo,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,NgayTra,DuocThanhToanTrucTuyen,TaiKhoanDuocXacThucVoiVNeID\n');
  const start = Date.UTC(2025, 7, 1, 1);
  const span = Date.UTC(2026, 10, 15) - start;
  let chunk = '';
  for (let i = 0; i < ROWS; i++) {
    const received = start + ((i * 7919) % 1000) / 1000 * span + (i % 97) * 60_000;
    const online = i % 3 === 0;
    const state = i % 10 === 9 ? [9, 4, 3, 7][i % 4]! : 10;
    const t = (ms: number) => formatSyncTime(new Date(ms));
    const fin = received + (4 + (i % 60)) * HOUR;
    const code = i % 100 === 42 ? '9.999999' : codes[i % codes.length]!;
    chunk += [
      `CU-${String(i).padStart(7, '0')}`, code, online ? '2' : '1', 'Nguyễn Văn Mẫu', String(100_000_000_000 + i), state,
      t(received - HOUR), state === 3 ? '' : t(received), state === 3 ? '' : t(received + 72 * HOUR), state === 4 ? (i % 100 === 7 ? '' : '') : t(fin),
      state === 10 ? t(fin + 2 * HOUR) : '', i % 2 ? '1' : '2', online ? '1' : '0',
    ].join(',') + '\n';
    if (i % 5000 === 4999) { await write(chunk); chunk = ''; }
  }
  await write(chunk);
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

async function main() {
  await withBenchDatabase('import', 4, async (db) => {
    const refs = await procedureRefs(db);
    const codes = [...refs.values()].flat().filter((p) => !p.routingOnly && p.effectiveFrom <= '2025-08-01' && (p.effectiveTo === null || p.effectiveTo > '2026-12-01')).map((p) => p.code);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-bench-import-file-'));
    const file = path.join(dir, 'lich-su.csv');
    console.log(`writing ${ROWS} rows over ${codes.length} procedures…`);
    let t0 = performance.now();
    await writeFile(file, codes);
    const writeS = r2((performance.now() - t0) / 1000);
    const bytes = fs.statSync(file).size;
    t0 = performance.now();
    await scanFile(file, 'csv');
    const scanS = r2((performance.now() - t0) / 1000);
    console.log(`file ${Math.round(bytes / 1e6)} MB written in ${writeS} s; first pass (sha256 + count) ${scanS} s`);

    const stopAfter = Math.max(1, Math.floor((ROWS * STOP_AT) / BATCH));
    let batches = 0;
    const report = (label: string) => (p: { done: number; total: number; doneThisRun: number; seconds: number }) => {
      if (batches % 50 === 0 || p.done === p.total) console.log(`${label}: ${p.done}/${p.total} rows, ${Math.round(p.doneThisRun / p.seconds)} rows/s`);
    };
    t0 = performance.now();
    const first = await runImport(db, { file, communeId: 'xuan-duong', format: 'csv', batchSize: BATCH, stopRequested: () => ++batches >= stopAfter, onProgress: report('run 1') });
    const firstS = r2((performance.now() - t0) / 1000);
    console.log(`run 1 stopped at row ${first.position} after ${firstS} s`);
    let resumeSkipS = 0;
    let sawFirst = false;
    t0 = performance.now();
    const second = await runImport(db, {
      file, communeId: 'xuan-duong', format: 'csv', batchSize: BATCH,
      onProgress: (p) => { if (!sawFirst) { sawFirst = true; resumeSkipS = r2((performance.now() - t0) / 1000); } report('run 2')(p); },
    });
    const secondS = r2((performance.now() - t0) / 1000);
    const total = r2(firstS + secondS);
    const result = {
      rows: ROWS, batch: BATCH, fileMB: Math.round(bytes / 1e6), writeFileS: writeS, firstPassS: scanS,
      run1: { rows: first.position, seconds: firstS, rowsPerS: Math.round(first.position / firstS) },
      run2: { rows: ROWS - first.position, seconds: secondS, rowsPerS: Math.round((ROWS - first.position) / secondS), toFirstBatchS: resumeSkipS },
      totalS: total, rowsPerS: Math.round(ROWS / total), imported: second.imported, skipped: second.skipped, rejected: second.rejected,
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`,
    };
    console.log(JSON.stringify(result, null, 2));
    fs.mkdirSync(path.join(root, 'bench-results'), { recursive: true });
    fs.writeFileSync(path.join(root, 'bench-results', 'import.json'), JSON.stringify(result, null, 2) + '\n');
    fs.rmSync(dir, { recursive: true, force: true });
  });
}

await main();
