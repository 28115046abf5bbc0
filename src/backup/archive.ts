// The backup archive: one gzip stream of framed records, written to a temporary file and renamed into place.
//
//   "XASOBAK1"                              magic (8 bytes), then records: type (1 byte) · length (uint32 BE) · payload
//   M  manifest (JSON)                      format, schema version and migrations' checksums, tables and their columns,
//                                           the chain key's public id, the sequences' values
//   T  table start (JSON {table})           for each table, in dependency order (parents first):
//   D  data                                 its COPY text, in chunks (opaque bytes: never decoded)
//   E  table end (JSON {table, rows, bytes, sha256})
//   Z  trailer (JSON)                       the sha256 of the manifest record, every table's figures again, the totals
//
// The figures of a table can only be known once it is written, hence the trailer: a restore reads the whole archive
// once to check every checksum and count before it touches a database (readArchive, checkArchive).
import crypto from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';

export const MAGIC = Buffer.from('XASOBAK1');
export { FORMAT, FORMAT_VERSION, type Manifest, type TableFigures, type TableSpec, type Trailer } from './core/manifest.ts';
import { FORMAT, FORMAT_VERSION, type Manifest, type TableFigures, type Trailer } from './core/manifest.ts';

export type Record =
  | { type: 'M'; manifest: Manifest; raw: Buffer }
  | { type: 'T'; table: string }
  | { type: 'D'; data: Buffer }
  | { type: 'E'; figures: TableFigures }
  | { type: 'Z'; trailer: Trailer };

/** Why an archive is refused, in Vietnamese for the operator. */
export class ArchiveError extends Error {}

function frame(type: string, payload: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeUInt32BE(payload.length, 1);
  return Buffer.concat([head, payload]);
}

const json = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8');

/** Writes an archive to `tmp` (gzip); the caller renames it once `finish()` has resolved. */
export function archiveWriter(tmp: string) {
  const file = fs.createWriteStream(tmp, { flags: 'wx', mode: 0o600 });
  const gzip = zlib.createGzip({ level: 6 });
  gzip.pipe(file);
  let failed: Error | undefined;
  const fail = (e: Error) => (failed ??= e);
  file.on('error', fail);
  gzip.on('error', fail);
  const manifestHash = crypto.createHash('sha256');
  const write = (b: Buffer) => {
    if (failed) throw failed;
    return gzip.write(b);
  };
  return {
    drained: () => new Promise<void>((resolve, reject) => {
      if (failed) return reject(failed);
      gzip.once('drain', resolve);
    }),
    start(manifest: Manifest) {
      const m = frame('M', json(manifest));
      manifestHash.update(m);
      write(MAGIC);
      write(m);
    },
    table: (name: string) => write(frame('T', json({ table: name }))),
    data: (chunk: Buffer) => write(frame('D', chunk)),
    end: (figures: TableFigures) => write(frame('E', json(figures))),
    manifestSha256: () => manifestHash.copy().digest('hex'),
    async finish(trailer: Trailer) {
      write(frame('Z', json(trailer)));
      await new Promise<void>((resolve, reject) => {
        file.once('close', () => (failed ? reject(failed) : resolve()));
        file.once('error', reject);
        gzip.end();
      });
      // The bytes reach the disk before the rename makes the file the backup.
      const fd = fs.openSync(tmp, 'r');
      try {
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    },
    abort() {
      gzip.destroy();
      file.destroy();
    },
  };
}

const MAX_RECORD = 256 * 1024 * 1024;

/** The records of an archive, in order; throws ArchiveError on anything malformed (gzip, framing, JSON). */
export async function* readArchive(path: string): AsyncGenerator<Record> {
  let input: AsyncIterable<Buffer>;
  try {
    fs.accessSync(path, fs.constants.R_OK);
    input = fs.createReadStream(path).pipe(zlib.createGunzip()) as AsyncIterable<Buffer>;
  } catch {
    throw new ArchiveError(`Không đọc được tệp sao lưu ${path}.`);
  }
  let buf: Buffer = Buffer.alloc(0);
  let magic = false;
  const damaged = (why: string) => new ArchiveError(`Tệp sao lưu ${path} bị hỏng (${why}): không khôi phục từ tệp này.`);
  try {
    for await (const chunk of input) {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      if (!magic) {
        if (buf.length < MAGIC.length) continue;
        if (!buf.subarray(0, MAGIC.length).equals(MAGIC)) throw damaged('không phải tệp sao lưu Xã Số');
        buf = buf.subarray(MAGIC.length);
        magic = true;
      }
      while (buf.length >= 5) {
        const len = buf.readUInt32BE(1);
        if (len > MAX_RECORD) throw damaged('độ dài bản ghi không hợp lệ');
        if (buf.length < 5 + len) break;
        const type = String.fromCharCode(buf[0]!);
        const payload = buf.subarray(5, 5 + len);
        buf = buf.subarray(5 + len);
        yield parse(type, payload, damaged);
      }
    }
  } catch (e) {
    if (e instanceof ArchiveError) throw e;
    throw damaged(`giải nén lỗi: ${(e as Error).message}`);
  }
  if (!magic || buf.length) throw damaged('tệp bị cắt cụt');
}

function parse(type: string, payload: Buffer, damaged: (why: string) => ArchiveError): Record {
  if (type === 'D') return { type, data: payload };
  let v: unknown;
  try {
    v = JSON.parse(payload.toString('utf8'));
  } catch {
    throw damaged(`bản ghi ${type} không đọc được`);
  }
  switch (type) {
    case 'M': return { type, manifest: v as Manifest, raw: payload };
    case 'T': return { type, table: (v as { table: string }).table };
    case 'E': return { type, figures: v as TableFigures };
    case 'Z': return { type, trailer: v as Trailer };
    default: throw damaged(`loại bản ghi không rõ`);
  }
}

export interface CheckedArchive {
  manifest: Manifest;
  trailer: Trailer;
}

/**
 * Reads the whole archive and checks it: the manifest's hash, each table's rows, bytes and sha256 against its end
 * record and the trailer, the order and completeness of the tables. Nothing is written anywhere.
 */
export async function checkArchive(path: string, progress: (table: string, rows: number) => void = () => {}): Promise<CheckedArchive> {
  const damaged = (why: string) => new ArchiveError(`Tệp sao lưu ${path} bị hỏng (${why}): không khôi phục từ tệp này.`);
  let manifest: Manifest | undefined;
  let manifestSha = '';
  let trailer: Trailer | undefined;
  const seen: TableFigures[] = [];
  let current: { table: string; hash: crypto.Hash; bytes: number; lines: number } | undefined;
  for await (const r of readArchive(path)) {
    if (trailer) throw damaged('dữ liệu sau phần kết');
    if (!manifest) {
      if (r.type !== 'M') throw damaged('thiếu phần mô tả');
      if (r.manifest.format !== FORMAT) throw damaged('không phải tệp sao lưu Xã Số');
      if (r.manifest.formatVersion !== FORMAT_VERSION) throw new ArchiveError(`Tệp sao lưu ${path} có định dạng phiên bản ${r.manifest.formatVersion}, phiên bản Xã Số này đọc được phiên bản ${FORMAT_VERSION}.`);
      manifest = r.manifest;
      manifestSha = crypto.createHash('sha256').update(frame('M', r.raw)).digest('hex');
      continue;
    }
    if (r.type === 'T') {
      const expected = manifest.tables[seen.length]?.name;
      if (current || r.table !== expected) throw damaged(`bảng ${r.table} không đúng thứ tự`);
      current = { table: r.table, hash: crypto.createHash('sha256'), bytes: 0, lines: 0 };
    } else if (r.type === 'D') {
      if (!current) throw damaged('dữ liệu ngoài bảng');
      current.hash.update(r.data);
      current.bytes += r.data.length;
      for (let i = r.data.indexOf(10); i >= 0; i = r.data.indexOf(10, i + 1)) current.lines++;
    } else if (r.type === 'E') {
      if (!current || r.figures.table !== current.table) throw damaged('kết thúc bảng không khớp');
      const sha = current.hash.digest('hex');
      if (sha !== r.figures.sha256 || current.bytes !== r.figures.bytes || current.lines !== r.figures.rows) {
        throw damaged(`dữ liệu bảng ${current.table} không khớp mã kiểm tra`);
      }
      seen.push(r.figures);
      progress(current.table, r.figures.rows);
      current = undefined;
    } else if (r.type === 'Z') {
      if (current || seen.length !== manifest.tables.length) throw damaged('thiếu bảng');
      if (r.trailer.manifestSha256 !== manifestSha) throw damaged('phần mô tả bị sửa');
      if (JSON.stringify(r.trailer.tables) !== JSON.stringify(seen)) throw damaged('phần kết không khớp các bảng');
      trailer = r.trailer;
    } else {
      throw damaged('bản ghi không đúng chỗ');
    }
  }
  if (!manifest || !trailer) throw damaged('tệp bị cắt cụt');
  return { manifest, trailer };
}
