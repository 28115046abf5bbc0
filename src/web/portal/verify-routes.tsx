// /xac-thuc (no login): verify a digitally signed document by its code, typed or carried by the QR code printed on
// it (GET, so the QR link works as is), download the signed file, and compare a PDF the visitor holds with it, or
// find the document a PDF is (multipart, the CSRF token in the action URL, the code in a field). Unknown codes count against the visitor's
// address (src/signatures/service.ts VERIFY_POLICY); the JSON twin is GET /api/v1/public/verify.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, Deps } from '../../http/deps.ts';
import { TEST_CA_CERTIFICATE_PATH } from '../../outside/ca.ts';
import { CODE_ERROR_MESSAGE, formatCode } from '../../signatures/core/code.ts';
import { testAuthorityCertificate } from '../../signatures/credentials.ts';
import { VERIFY_POLICY, sha256Of, signedFileOf, verifyByCode, verifyByFile, type Verification } from '../../signatures/service.ts';
import type { FieldError } from '../components.tsx';
import { csrfToken, sendPage } from '../render.tsx';
import { page, queryOf, str } from './common.ts';
import { readUpload } from './upload.ts';
import { VERIFY, VerifiedPage, VerifyFormPage } from './verify-pages.tsx';

const NOT_FOUND = 'Không tìm thấy văn bản có mã xác thực này. Kiểm tra lại mã in trên văn bản: văn bản không có trong hệ thống có thể là văn bản giả.';
const LOCKED = `Đã nhập sai mã xác thực quá nhiều lần. Vui lòng thử lại sau ${VERIFY_POLICY.windowMinutes} phút.`;

/** The form again with what went wrong with the code, and its status. */
function codeError(v: Exclude<Verification, { ok: true }>): { errors: FieldError[]; status: number } {
  if (v.error === 'malformed') return { errors: [{ field: 'ma', message: CODE_ERROR_MESSAGE[v.reason] }], status: 400 };
  if (v.error === 'locked') return { errors: [{ field: 'ma', message: LOCKED }], status: 429 };
  return { errors: [{ field: 'ma', message: NOT_FOUND }], status: 404 };
}

const codeOf = (req: FastifyRequest) => str(queryOf(req).ma).slice(0, 40);

async function lookup(deps: Deps, req: FastifyRequest, reply: FastifyReply, code = codeOf(req)) {
  const v = await verifyByCode(deps.db, code, { ip: req.ip, now: deps.now() });
  if (v.ok) return v.document;
  const { errors, status } = codeError(v);
  if (status === 429) reply.header('Retry-After', String(VERIFY_POLICY.windowMinutes * 60));
  void sendPage(reply, <VerifyFormPage code={code} csrf={csrfToken(reply)} errors={errors} />, status);
  return null;
}

const notPdf = (name: string) => `Tệp “${name}” không phải tệp PDF. Văn bản điện tử đã ký số là tệp PDF.`;

export async function verifyRoutes(app: App, deps: Deps) {
  app.get(VERIFY, page, async (req, reply) => {
    if (!('ma' in queryOf(req))) return sendPage(reply, <VerifyFormPage code="" csrf={csrfToken(reply)} />);
    const d = await lookup(deps, req, reply);
    return d ? sendPage(reply, <VerifiedPage d={d} csrf={csrfToken(reply)} />) : reply;
  });

  app.get(`${VERIFY}/tai-ve`, page, async (req, reply) => {
    const d = await lookup(deps, req, reply);
    if (!d) return reply;
    const file = await signedFileOf(deps.db, d);
    if (!file) return sendPage(reply, <VerifyFormPage code={codeOf(req)} csrf={csrfToken(reply)} errors={[{ field: 'ma', message: NOT_FOUND }]} />, 404);
    return reply
      .type('application/pdf')
      .header('Content-Disposition', `attachment; filename="van-ban-${formatCode(d.code)}.pdf"`)
      .send(file);
  });

  // Compare a file with the document of the code: the same bytes (sha256) or not the genuine file.
  app.post(`${VERIFY}/so-sanh`, page, async (req, reply) => {
    const up = await readUpload(req, 'PDF cần so sánh');
    const d = await lookup(deps, req, reply, (up.fields.ma ?? '').slice(0, 40));
    if (!d) return reply;
    const error = up.file ? (up.file.type === 'application/pdf' ? null : notPdf(up.file.name)) : up.error;
    if (error || !up.file) return sendPage(reply, <VerifiedPage d={d} csrf={csrfToken(reply)} errors={[{ field: 'tep', message: error ?? '' }]} />, 400);
    const comparison = { same: sha256Of(up.file.content) === d.sha256, fileName: up.file.name };
    return sendPage(reply, <VerifiedPage d={d} csrf={csrfToken(reply)} comparison={comparison} />);
  });

  // Find the document a file is, without its code: only a byte-identical file is found.
  app.post(`${VERIFY}/tep`, page, async (req, reply) => {
    const up = await readUpload(req, 'PDF cần kiểm tra');
    const error = up.file ? (up.file.type === 'application/pdf' ? null : notPdf(up.file.name)) : up.error;
    if (error || !up.file) return sendPage(reply, <VerifyFormPage code="" csrf={csrfToken(reply)} errors={[{ field: 'tep', message: error ?? '' }]} />, 400);
    const d = await verifyByFile(deps.db, up.file.content);
    if (!d) {
      const message = `Tệp “${up.file.name}” không phải văn bản gốc do hệ thống ký số: không có văn bản đã ký số nào trùng khớp với tệp này. Tệp có thể đã bị sửa đổi. Nếu văn bản có mã xác thực, hãy nhập mã để tải văn bản gốc.`;
      return sendPage(reply, <VerifyFormPage code="" csrf={csrfToken(reply)} errors={[{ field: 'tep', message }]} />, 404);
    }
    return sendPage(reply, <VerifiedPage d={d} csrf={csrfToken(reply)} foundByFile={up.file.name} />);
  });

  // The test CA's certificate, to trust it in a PDF reader while testing (404 when the test CA is off).
  app.get(TEST_CA_CERTIFICATE_PATH, page, async (_req, reply) => {
    const pem = await testAuthorityCertificate(deps.db, deps.outside.ca, deps.now());
    if (!pem) return reply.code(404).type('text/plain; charset=utf-8').send('Không dùng CA thử nghiệm.');
    const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    return reply.type('application/pkix-cert').header('Content-Disposition', 'attachment; filename="xa-so-ca-thu-nghiem.crt"').send(der);
  });
}
