// The national portal forwards a dossier filed there: POST /api/v1/lien-thong/dvcqg/ho-so (issue 15, inbound).
// Authenticated by the portal's own bearer key (deps.outside.portal.inboundKey: XASO_PORTAL_INBOUND_KEY), compared
// in constant time before the body is read; our staff sessions and API keys do not open it. Every answer, errors
// included (bad JSON, too large, wrong key), is the portal's contract `{error_code, message}` (core/contract.ts), not
// problem+json: this route has its own error handler.
import { Type } from '@sinclair/typebox';
import type { FastifyError } from 'fastify';
import type { App, Deps } from '../http/deps.ts';
import { MAX_UPLOAD_BYTES } from '../http/deps.ts';
import { Problem } from '../http/problem.ts';
import {
  INBOUND_ERRORS, INBOUND_KEY_POLICY, MAX_INBOUND_FILES, inboundBodyLimit, portalKeyMatches, refusal, type InboundAnswer,
} from './core/contract.ts';
import { claimAttempt, recentFailures } from '../shared/attempts-store.ts';
import { receiveInbound } from './receive.ts';

const Answer = Type.Object({
  error_code: Type.String({ description: '"0" khi thành công; mã lỗi ổn định khi không' }),
  message: Type.String(),
  MaHoSo: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
});

const DESCRIPTION = 'Cổng Dịch vụ công quốc gia chuyển sang xã hồ sơ người dân nộp trên Cổng. Xác thực: tiêu đề '
  + '`Authorization: Bearer <khóa>` với khóa liên thông do xã cấp cho Cổng (hoặc xác thực TLS hai chiều tại máy chủ chuyển tiếp). '
  + 'Nội dung JSON gồm: MaHoSo, MaTTHC, MaDonViTiepNhan (mã xã), ChuHoSo, SoGiayToChuHoSo (số định danh cá nhân 12 chữ số), '
  + 'LoaiDoiTuong (1–4), MaDoiTuong, SoDienThoai, Email, DiaChi, TrichYeuHoSo, NgayNopHoSo (yyyyMMddHHmmss, giờ Việt Nam), '
  + 'TaiKhoanDuocXacThucVoiVNeID (0/1), DinhDanhCHS [{LoaiDinhDanh, SoDinhDanh}], TaiLieuNop [{TepDinhKemId, TenTepDinhKem, '
  + `MaThanhPhanHoSo, LoaiTep, NoiDungTep (base64)}]: tối đa ${MAX_INBOUND_FILES} tệp PDF, JPEG hoặc PNG, mỗi tệp tối đa `
  + `${Math.round(MAX_UPLOAD_BYTES / 1024 / 1024)} MB. Hồ sơ vào trạng thái "Mới đăng ký", chờ Bộ phận Một cửa tiếp nhận; thời hạn tính từ ngày nộp trên Cổng. `
  + 'Gửi lại cùng mã hồ sơ với cùng nội dung được trả lời như lần đầu, không tạo hồ sơ thứ hai; cùng mã với nội dung khác: 409 CONFLICT. '
  + 'Trả lời theo quy ước của Cổng: {error_code, message}, error_code "0" là thành công.';

export async function inboundRoutes(app: App, deps: Deps): Promise<void> {
  app.post(
    '/api/v1/lien-thong/dvcqg/ho-so',
    {
      bodyLimit: inboundBodyLimit(MAX_UPLOAD_BYTES),
      config: { ownBearer: true },
      schema: {
        tags: ['liên thông'],
        summary: 'Nhận hồ sơ nộp trên Cổng Dịch vụ công quốc gia',
        description: DESCRIPTION,
        response: { 200: Answer, '4xx': Answer },
      },
      // Before the body is read: a caller without the portal's key gets 401 and nothing is parsed or written.
      // Wrong keys are counted per client address (INBOUND_KEY_POLICY): a locked address is refused even with the key.
      onRequest: async (req, reply) => {
        const now = deps.now();
        if ((await recentFailures(deps.db, INBOUND_KEY_POLICY, req.ip, now)) >= INBOUND_KEY_POLICY.max) {
          return send(reply, refusal('TOO_MANY_ATTEMPTS'));
        }
        if (!portalKeyMatches(req.headers.authorization, deps.outside.portal.inboundKey)) {
          await claimAttempt(deps.db, INBOUND_KEY_POLICY, req.ip, now);
          return send(reply, refusal('UNAUTHORIZED'));
        }
      },
      errorHandler: (err, req, reply) => {
        const a = answerOf(err as FastifyError);
        if (a.status >= 500) req.log.error({ err }, 'inbound dossier failed');
        return send(reply, a);
      },
    },
    async (req, reply) => {
      const a = await receiveInbound(deps.db, req.body, deps.now());
      return reply.code(a.status).send(a.body);
    },
  );
}

const send = (reply: { code(n: number): { send(b: unknown): unknown } }, a: InboundAnswer) => reply.code(a.status).send(a.body);

/** An error raised before the handler (the body parser, the input guard) or by it, in the contract's words. */
function answerOf(err: FastifyError): InboundAnswer {
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return refusal('FILE_TOO_LARGE', [{ field: 'HoSo', message: `Nội dung gửi sang vượt quá ${Math.round(inboundBodyLimit(MAX_UPLOAD_BYTES) / 1024 / 1024)} MB.` }]);
  }
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return refusal('UNSUPPORTED_MEDIA_TYPE');
  if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) return refusal('INVALID_JSON');
  if (err instanceof Problem && err.status < 500) return refusal('INVALID_FIELD', [{ field: 'HoSo', message: err.title }]);
  const status = err.statusCode ?? 500;
  if (status < 500) return { status, body: { error_code: 'INVALID_FIELD', message: INBOUND_ERRORS.INVALID_FIELD.message } };
  return refusal('INTERNAL_ERROR');
}
