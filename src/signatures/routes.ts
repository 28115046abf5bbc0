// Digital signatures over HTTP: the public verification of a code (no login; limited per address against guessing)
// and the administrators' certificates: import a PKCS#12 file from a licensed CA, list the current ones. The
// verification page for people is /xac-thuc (src/web/portal/verify-routes.tsx).
import crypto from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import type { App, Deps } from '../http/deps.ts';
import { Problem } from '../http/problem.ts';
import { idempotent } from '../http/idempotency.ts';
import { IdempotencyHeader, STAFF_SECURITY } from '../http/openapi.ts';
import { requireStaff } from '../identity/hooks.ts';
import { principalKey } from '../identity/core/principal.ts';
import { CREDENTIALS_PATH } from '../outside/ca.ts';
import { CODE_ERROR_MESSAGE, formatCode } from './core/code.ts';
import { STATUS_LABEL, type VerifiedDocument } from './core/document.ts';
import { importCredential } from './credentials.ts';
import { communeCredentials, type Credential } from './credentials-store.ts';
import { signerOf } from './store.ts';
import { VERIFY_POLICY, downloadUrl, verifyByCode, verifyUrl } from './service.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const VerifiedDocumentSchema = Type.Object({
  code: Type.String({ description: 'Mã xác thực, dạng XXXX-XXXX-XX' }),
  title: Type.String(),
  agency: Type.String({ description: 'Cơ quan ký số (ban hành)' }),
  signer: Type.Object({ name: Type.String(), title: Type.String() }),
  signedAt: Type.String({ format: 'date-time' }),
  status: Type.Union([Type.Literal('valid'), Type.Literal('revoked'), Type.Literal('replaced')]),
  statusText: Type.String(),
  statusAt: Nullable(Type.String({ format: 'date-time' })),
  reason: Nullable(Type.String()),
  replacedBy: Nullable(Type.String({ description: 'Mã xác thực của văn bản thay thế' })),
  replaces: Nullable(Type.String({ description: 'Mã xác thực của văn bản bị thay thế' })),
  sha256: Type.String({ description: 'SHA-256 của tệp đã ký số: tệp có cùng giá trị là văn bản gốc' }),
  size: Type.Integer(),
  testCertificates: Type.Boolean({ description: 'true: ký bằng chứng thư số thử nghiệm, không có giá trị pháp lý' }),
  url: Type.String({ description: 'Trang xác thực' }),
  fileUrl: Type.String({ description: 'Tải tệp đã ký số' }),
});

export function documentJson(d: VerifiedDocument, publicUrl: string): Static<typeof VerifiedDocumentSchema> {
  const url = verifyUrl(publicUrl, d.code);
  return {
    code: formatCode(d.code), title: d.title, agency: d.agency, signer: { name: d.signerName, title: d.signerTitle },
    signedAt: d.signedAt.toISOString(), status: d.status, statusText: STATUS_LABEL[d.status], statusAt: d.statusAt?.toISOString() ?? null,
    reason: d.reason, replacedBy: d.replacedBy ? formatCode(d.replacedBy) : null, replaces: d.replaces ? formatCode(d.replaces) : null,
    sha256: d.sha256, size: d.size, testCertificates: d.testCertificates, url, fileUrl: downloadUrl(publicUrl, d.code),
  };
}

const CredentialSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.Union([Type.Literal('organisation'), Type.Literal('person')]),
  source: Type.Union([Type.Literal('test_ca'), Type.Literal('imported')], { description: 'test_ca: do CA thử nghiệm cấp, không có giá trị pháp lý' }),
  staffId: Nullable(Type.Integer()),
  staffName: Nullable(Type.String()),
  subject: Type.String(),
  issuer: Type.String(),
  serial: Type.String(),
  fingerprint: Type.String({ description: 'SHA-256 của chứng thư số (DER)' }),
  notBefore: Type.String({ format: 'date-time' }),
  notAfter: Type.String({ format: 'date-time' }),
});

const credentialJson = (c: Credential, staffName: string | null): Static<typeof CredentialSchema> => ({
  id: c.id, kind: c.kind as 'organisation' | 'person', source: c.source, staffId: c.staffId, staffName, subject: c.subject, issuer: c.issuer,
  serial: c.serial, fingerprint: c.fingerprint, notBefore: c.notBefore.toISOString(), notAfter: c.notAfter.toISOString(),
});

/** The 429 of too many unknown codes from one address. */
export const verifyLocked = () =>
  new Problem(429, 'VERIFY_RATE_LIMITED', `Đã tra cứu sai quá nhiều mã xác thực. Vui lòng thử lại sau ${VERIFY_POLICY.windowMinutes} phút.`);
export const verifyNotFound = () =>
  new Problem(404, 'SIGNED_DOCUMENT_NOT_FOUND', 'Không tìm thấy văn bản có mã xác thực này. Kiểm tra lại mã in trên văn bản.');

const MAX_P12 = 256 * 1024;

export async function signatureRoutes(app: App, deps: Deps) {
  app.get(
    '/api/v1/public/verify',
    {
      schema: {
        tags: ['công khai'],
        summary: 'Xác thực văn bản điện tử đã ký số bằng mã xác thực (chống dò mã: giới hạn số lần sai theo địa chỉ)',
        querystring: Type.Object({ code: Type.String({ maxLength: 40, description: 'Mã xác thực in trên văn bản, ví dụ XD7K-4Q2M-92' }) }),
        response: { 200: VerifiedDocumentSchema },
      },
    },
    async (req, reply) => {
      const v = await verifyByCode(deps.db, req.query.code, { ip: req.ip, now: deps.now() });
      if (v.ok) return documentJson(v.document, deps.publicUrl);
      if (v.error === 'malformed') throw new Problem(400, 'VERIFY_CODE_INVALID', `${CODE_ERROR_MESSAGE[v.reason]}.`);
      if (v.error === 'locked') {
        reply.header('Retry-After', String(VERIFY_POLICY.windowMinutes * 60));
        throw verifyLocked();
      }
      throw verifyNotFound();
    },
  );

  app.get(
    CREDENTIALS_PATH,
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['chữ ký số'],
        summary: 'Quản trị: chứng thư số đang dùng để ký kết quả (của cơ quan và của người ký) của xã',
        security: STAFF_SECURITY,
        response: { 200: Type.Object({ testCa: Type.Boolean({ description: 'CA thử nghiệm đang bật (XASO_TEST_CA)' }), credentials: Type.Array(CredentialSchema) }) },
      },
    },
    async (req) => {
      const p = requireStaff(req);
      const list = await communeCredentials(deps.db, p.communeId);
      return { testCa: !!deps.outside.ca.testCa, credentials: list.map((c) => credentialJson(c, c.staffName)) };
    },
  );

  app.post(
    CREDENTIALS_PATH,
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['chữ ký số'],
        summary:
          'Quản trị: nhập chứng thư số kèm khóa bí mật từ tệp PKCS#12 (.p12/.pfx) do tổ chức cung cấp dịch vụ chứng thực chữ ký số cấp ' +
          '(multipart/form-data: trường "file" là tệp, trường "passphrase" là mật khẩu); thay chứng thư số hiện dùng của cơ quan (staffId bỏ trống) hoặc của người ký',
        security: STAFF_SECURITY,
        consumes: ['multipart/form-data'],
        querystring: Type.Object({ staffId: Type.Optional(Type.Integer({ minimum: 1, description: 'Cán bộ ký; bỏ trống: chứng thư số của cơ quan' })) }),
        headers: IdempotencyHeader,
        response: { 201: CredentialSchema },
      },
    },
    async (req, reply) => {
      const p = requireStaff(req);
      if (!req.isMultipart()) throw new Problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Cần gửi tệp dạng multipart/form-data.');
      let p12: Buffer | null = null;
      let passphrase = '';
      for await (const part of req.parts({ limits: { fileSize: MAX_P12 } })) {
        if (part.type === 'file') {
          const content = await part.toBuffer(); // past the limit: 413
          if (part.fieldname === 'file') p12 = content;
        } else if (part.fieldname === 'passphrase') {
          passphrase = String(part.value ?? '');
        }
      }
      if (!p12?.length) throw new Problem(422, 'FILE_MISSING', 'Chưa chọn tệp PKCS#12.');
      const staffId = req.query.staffId;
      const staff = staffId ? await signerOf(deps.db, p.communeId, staffId) : null;
      if (staffId && !staff) throw new Problem(422, 'UNKNOWN_STAFF', 'Không có cán bộ đang công tác này ở xã của bạn.');
      const holder = staffId ? { kind: 'person' as const, communeId: p.communeId, staffId } : { kind: 'organisation' as const, communeId: p.communeId };
      const file = p12;
      return idempotent(deps.db, req, reply, principalKey(p), async (trx) => {
        const c = await importCredential(trx, { holder, p12: file, passphrase, byStaffId: p.kind === 'staff' ? p.id : null, now: deps.now() });
        return { status: 201, body: credentialJson(c, staff?.full_name ?? null) };
      }, { staffId: staffId ?? null, sha256: crypto.createHash('sha256').update(file).digest('hex') });
    },
  );
}
