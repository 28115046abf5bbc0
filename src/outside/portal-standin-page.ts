// The stand-in national portal's filing page, "Nộp hồ sơ trên Cổng Dịch vụ công quốc gia (giả lập)": a form
// (procedure code, the commune, the applicant, one file) whose submission the portal forwards to the commune's inbound
// endpoint (POST {publicUrl}/api/v1/lien-thong/dvcqg/ho-so, Authorization: Bearer <inboundKey>) with the inbound
// contract's JSON body (a `HoSo` subset with the files in base64). Plain node:http and hand-written HTML.
import type http from 'node:http';
import { readRaw } from './standin-http.ts';

export interface FilingInput {
  procedureCode: string;
  /** The receiving commune's code (communes.id), MaDonViTiepNhan. */
  communeId: string;
  applicantName: string;
  idNumber: string;
  phone?: string;
  email?: string;
  address?: string;
  summary?: string;
  /** Logged in with VNeID on the portal. */
  withVneid?: boolean;
  files: { componentCode: string; fileName: string; contentType: string; content: Buffer }[];
}

export interface Filing {
  /** The portal's code of the dossier. */
  code: string;
  /** The body sent to the commune. */
  body: Record<string, unknown>;
  /** The commune's answer: HTTP status and JSON (or null when unreachable). */
  status: number;
  answer: { error_code?: string; message?: string; MaHoSo?: string } | null;
}

/** Sends a filed dossier to the commune (the inbound contract). */
export async function forwardFiling(inboundUrl: string, key: string, code: string, filedAt: string, i: FilingInput): Promise<Filing> {
  const body: Record<string, unknown> = {
    MaHoSo: code, MaTTHC: i.procedureCode, MaDonViTiepNhan: i.communeId, ChuHoSo: i.applicantName, SoGiayToChuHoSo: i.idNumber,
    LoaiDoiTuong: 1, NgayNopHoSo: filedAt, TaiKhoanDuocXacThucVoiVNeID: i.withVneid === false ? 0 : 1,
    DinhDanhCHS: [{ LoaiDinhDanh: /^\d{12}$/.test(i.idNumber) ? 1 : 2, SoDinhDanh: i.idNumber }],
    ...(i.phone ? { SoDienThoai: i.phone } : {}), ...(i.email ? { Email: i.email } : {}), ...(i.address ? { DiaChi: i.address } : {}),
    ...(i.summary ? { TrichYeuHoSo: i.summary } : {}),
    TaiLieuNop: i.files.map((f, n) => ({
      TepDinhKemId: `${code}-${n + 1}`, TenTepDinhKem: f.fileName, MaThanhPhanHoSo: f.componentCode, LoaiTep: f.contentType,
      NoiDungTep: f.content.toString('base64'),
    })),
  };
  try {
    const res = await fetch(inboundUrl, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    let answer: Filing['answer'] = null;
    try {
      answer = JSON.parse(text) as Filing['answer'];
    } catch {
      answer = { message: text.slice(0, 200) };
    }
    return { code, body, status: res.status, answer };
  } catch {
    return { code, body, status: 0, answer: null };
  }
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const TITLE = 'Nộp hồ sơ trên Cổng Dịch vụ công quốc gia (giả lập)';
const page = (body: string) =>
  `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
  `<title>${TITLE}</title><style>body{font-family:sans-serif;max-width:40rem;margin:1rem auto;padding:0 1rem}` +
  `.banner{background:#fff3cd;border:2px solid #b58100;padding:.5rem 1rem}label{display:block;margin:.75rem 0 .25rem;font-weight:bold}` +
  `input{font-size:1rem;padding:.4rem;width:100%;box-sizing:border-box}button{font-size:1rem;margin-top:1rem;padding:.5rem 1rem}</style>` +
  `</head><body><p class="banner"><strong>CỔNG DỊCH VỤ CÔNG QUỐC GIA THỬ NGHIỆM</strong> của Xã Số: không phải Cổng thật.</p>${body}</body></html>`;

const FIELDS: [string, string, string][] = [
  ['MaTTHC', 'Mã thủ tục hành chính', 'text'], ['MaDonViTiepNhan', 'Mã xã tiếp nhận', 'text'], ['ChuHoSo', 'Họ và tên người nộp', 'text'],
  ['SoGiayToChuHoSo', 'Số định danh cá nhân (12 chữ số)', 'text'], ['SoDienThoai', 'Số điện thoại', 'tel'],
  ['MaThanhPhanHoSo', 'Mã thành phần hồ sơ của tệp', 'text'],
];

function form(values: Record<string, string>, error = '') {
  return page(`<h1>${TITLE}</h1>${error ? `<p role="alert"><strong>${esc(error)}</strong></p>` : ''}` +
    `<form method="post" action="/nop-ho-so" enctype="multipart/form-data">` +
    FIELDS.map(([n, l, t]) => `<label for="${n}">${l}</label><input id="${n}" name="${n}" type="${t}" value="${esc(values[n] ?? '')}">`).join('') +
    `<label for="tep">Tệp đính kèm</label><input id="tep" name="tep" type="file"><button type="submit">Nộp hồ sơ</button></form>`);
}

/** Parts of a multipart/form-data body: fields as text, files with their name and type. */
function multipart(raw: Buffer, contentType: string) {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  const fields: Record<string, string> = {};
  const files: { field: string; fileName: string; contentType: string; content: Buffer }[] = [];
  if (!boundary) return { fields, files };
  const sep = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let at = raw.indexOf(sep);
  while (at >= 0) {
    const next = raw.indexOf(sep, at + sep.length);
    if (next < 0) break;
    const part = raw.subarray(at + sep.length + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    if (split > 0) {
      const head = part.subarray(0, split).toString('utf8');
      const content = part.subarray(split + 4);
      const name = /name="([^"]*)"/.exec(head)?.[1] ?? '';
      const file = /filename="([^"]*)"/.exec(head)?.[1];
      if (file !== undefined) {
        if (file) files.push({ field: name, fileName: file, contentType: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? 'application/octet-stream', content });
      } else fields[name] = content.toString('utf8');
    }
    at = next;
  }
  return { fields, files };
}

/** GET: the form; POST: file the dossier and show the commune's answer. */
export async function filingPage(req: http.IncomingMessage, res: http.ServerResponse, file: (i: FilingInput) => Promise<Filing>) {
  const html = (status: number, body: string) => res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body);
  if (req.method !== 'POST') return html(200, form({}));
  const { fields, files } = multipart(await readRaw(req, 12_000_000), String(req.headers['content-type'] ?? ''));
  const missing = ['MaTTHC', 'MaDonViTiepNhan', 'ChuHoSo', 'SoGiayToChuHoSo'].filter((f) => !fields[f]?.trim());
  if (missing.length || !files.length) return html(400, form(fields, 'Vui lòng nhập đủ mã thủ tục, mã xã, họ tên, số định danh và chọn tệp đính kèm.'));
  const f = await file({
    procedureCode: fields.MaTTHC!.trim(), communeId: fields.MaDonViTiepNhan!.trim(), applicantName: fields.ChuHoSo!.trim(),
    idNumber: fields.SoGiayToChuHoSo!.trim(), ...(fields.SoDienThoai?.trim() ? { phone: fields.SoDienThoai.trim() } : {}),
    files: files.map((x) => ({ componentCode: fields.MaThanhPhanHoSo?.trim() || 'TOKHAI', fileName: x.fileName, contentType: x.contentType, content: x.content })),
  });
  const ok = f.answer?.error_code === '0';
  return html(ok ? 200 : 502, page(`<h1>${ok ? 'Đã nộp hồ sơ' : 'Chưa chuyển được hồ sơ về xã'}</h1>` +
    `<p>Mã hồ sơ trên Cổng: <strong>${esc(f.code)}</strong></p>` +
    `<p>Trả lời của xã: ${esc(f.answer?.message ?? 'không kết nối được')}</p><p><a href="/nop-ho-so">Nộp hồ sơ khác</a></p>`));
}
