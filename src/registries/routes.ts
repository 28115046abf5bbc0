// The national databases as API (TT 117/2026/TT-BCA): an officer's lookup in the population database and
// verification of a civil-status record, each for a dossier they may see and with a purpose from the fixed list,
// logged; the use of a lookup's data in the dossier (766 4.5, DSKetNoiCSDL); the administrator's log.
import { Type } from '@sinclair/typebox';
import type { App, Deps } from '../http/deps.ts';
import { Problem } from '../http/problem.ts';
import { STAFF_SECURITY as security } from '../http/openapi.ts';
import { requireStaff } from '../identity/hooks.ts';
import { CITIZEN_PURPOSE, STAFF_PURPOSES } from './core/registry.ts';
import { LOOKUP_ROLES, lookupLogPage, lookupPopulation, verifyCivilStatus } from './service.ts';
import { useLookup } from './use.ts';

const tags = ['cơ sở dữ liệu quốc gia'];
const Opt = (s: Parameters<typeof Type.String>[0]) => Type.Optional(Type.String(s));
const Case = {
  dossierId: Opt({ description: 'Hồ sơ đang giải quyết mà việc tra cứu phục vụ (bắt buộc)' }),
  purpose: Opt({ description: `Mục đích (bắt buộc), một trong: ${STAFF_PURPOSES.join('; ')}` }),
};

const Person = Type.Object({
  idNumber: Type.String(), fullName: Type.String(), dateOfBirth: Type.String(), sex: Type.String(),
  permanentResidence: Type.String(), currentResidence: Type.String(), ethnicity: Type.String(), nationality: Type.String(),
});
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export async function registryRoutes(app: App, deps: Deps): Promise<void> {
  app.post('/api/v1/registries/population/lookup', {
    config: { roles: [...LOOKUP_ROLES] },
    schema: {
      tags, security,
      summary: 'Tra cứu Cơ sở dữ liệu quốc gia về dân cư theo số định danh cá nhân (ghi nhật ký)',
      description: 'Thông tư 117/2026/TT-BCA: chỉ tra cứu cho hồ sơ đang giải quyết mà cán bộ được xem, với mục đích trong danh sách; '
        + 'mỗi lần tra cứu được ghi nhật ký (người tra cứu, thời điểm, hồ sơ, mục đích, kết quả). Không tìm thấy: 404 PERSON_NOT_FOUND (vẫn ghi nhật ký).',
      body: Type.Object({ ...Case, subject: Type.Optional(Type.Object({ idNumber: Type.String({ maxLength: 20 }) }, { additionalProperties: false })) },
        { additionalProperties: false }),
      response: {
        200: Type.Object({
          lookupId: Type.Integer(), requestId: Type.String(), record: Person, isApplicant: Type.Boolean(),
          comparison: Type.Array(Type.Object({ field: Type.String(), typed: Type.String(), held: Type.String(), verdict: Type.String() })),
          seal: Type.String({ description: 'Gửi kèm bản ghi khi dùng thông tin này (POST /api/v1/registries/uses)' }),
        }),
      },
    },
  }, async (req) => {
    const p = requireStaff(req);
    const r = await lookupPopulation(deps, p, { dossierId: req.body.dossierId, purpose: req.body.purpose, idNumber: req.body.subject?.idNumber });
    if (!r.found) throw new Problem(404, 'PERSON_NOT_FOUND', 'Không tìm thấy công dân có số định danh này trong Cơ sở dữ liệu quốc gia về dân cư.', `Mã tra cứu ${r.lookupId}`);
    return { lookupId: r.lookupId, requestId: r.requestId, record: r.record, isApplicant: r.isApplicant, comparison: r.comparison, seal: r.seal };
  });

  app.post('/api/v1/registries/civil-status/verify', {
    config: { roles: [...LOOKUP_ROLES] },
    schema: {
      tags, security,
      summary: 'Kiểm tra trích lục khai sinh, kết hôn với Cơ sở dữ liệu hộ tịch điện tử (ghi nhật ký)',
      description: 'Khớp khi số đăng ký (và quyển số nếu có), họ tên (không phân biệt dấu) và ngày khớp với bản ghi. Bản ghi chỉ được trả về khi khớp.',
      body: Type.Object({
        ...Case,
        subject: Type.Optional(Type.Object({
          kind: Type.String({ description: 'birth | marriage' }), number: Type.String({ maxLength: 60 }), book: Type.Optional(Type.String({ maxLength: 60 })),
          name: Type.String({ maxLength: 300, description: 'Khai sinh: người được khai sinh; kết hôn: người chồng' }),
          otherName: Type.Optional(Type.String({ maxLength: 300, description: 'Kết hôn: người vợ' })),
          date: Type.String({ maxLength: 20, description: 'Khai sinh: ngày sinh; kết hôn: ngày đăng ký' }),
        }, { additionalProperties: false })),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          lookupId: Type.Integer(), requestId: Type.String(), match: Type.Boolean(), mismatches: Type.Array(Type.String()),
          record: Nullable(Type.Object({
            kind: Type.String(), number: Type.String(), book: Type.String(), registeredOn: Type.String(), registeredBy: Type.String(), name: Type.String(),
            otherName: Nullable(Type.String()), dateOfBirth: Nullable(Type.String()), mother: Nullable(Type.String()), father: Nullable(Type.String()),
          })),
        }),
      },
    },
  }, async (req) => {
    const p = requireStaff(req);
    return verifyCivilStatus(deps, p, { dossierId: req.body.dossierId, purpose: req.body.purpose, subject: req.body.subject });
  });

  app.post('/api/v1/registries/uses', {
    config: { roles: [...LOOKUP_ROLES] },
    schema: {
      tags, security,
      summary: 'Dùng dữ liệu đã tra cứu cho hồ sơ (cập nhật tờ khai theo CSDL dân cư, hoặc xác nhận trích lục hộ tịch khớp)',
      description: 'Ghi nhận hồ sơ có sử dụng dữ liệu của cơ sở dữ liệu quốc gia (DSKetNoiCSDL, chỉ tiêu 4.5). Kèm `record` và `seal` của lần tra cứu '
        + 'dân cư người nộp hồ sơ để cập nhật họ tên, nơi cư trú của người nộp và tờ khai (ghi vào lịch sử hồ sơ là “Cập nhật thông tin người nộp '
        + 'theo Cơ sở dữ liệu quốc gia về dân cư”; chỉ cán bộ đang giữ hồ sơ). `changed`: các mục đã cập nhật. 422 NOT_THE_APPLICANT: bản ghi không phải của người nộp.',
      body: Type.Object({
        dossierId: Type.String({ format: 'uuid' }), lookupId: Type.Integer({ minimum: 1 }),
        record: Type.Optional(Person), seal: Type.Optional(Type.String({ maxLength: 100 })),
      }, { additionalProperties: false }),
      response: { 201: Type.Object({ registry: Type.String(), maCsdl: Type.String(), changed: Type.Array(Type.String()) }) },
    },
  }, async (req, reply) => {
    const p = requireStaff(req);
    const b = req.body;
    const r = await deps.db.transaction().execute((trx) => useLookup(trx, p, {
      dossierId: b.dossierId, lookupId: b.lookupId, ...(b.record ? { record: { ...b.record, sex: b.record.sex === 'Nữ' ? 'Nữ' : 'Nam' } } : {}),
      ...(b.seal ? { seal: b.seal } : {}),
    }, deps.now()));
    return reply.code(201).send(r);
  });

  app.get('/api/v1/registries/lookups', {
    config: { roles: ['admin'] },
    schema: {
      tags, security,
      summary: 'Nhật ký tra cứu cơ sở dữ liệu quốc gia của xã (quản trị)',
      description: `Mới nhất trước; lọc theo ngày (giờ Việt Nam) và cán bộ; phân trang bằng con trỏ. Lượt tra cứu của công dân có mục đích “${CITIZEN_PURPOSE}”.`,
      querystring: Type.Object({
        from: Opt({ maxLength: 10 }), to: Opt({ maxLength: 10 }), staffId: Opt({ pattern: '^[0-9]{1,12}$' }), cursor: Opt({ maxLength: 200 }),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          items: Type.Array(Type.Object({
            id: Type.Integer(), at: Type.String(), registry: Type.String(), purpose: Type.String(), outcome: Type.String(),
            subjectMasked: Type.String(), subjectName: Nullable(Type.String()), staffId: Nullable(Type.Integer()), staffName: Nullable(Type.String()),
            citizen: Type.Boolean(), dossierId: Nullable(Type.String()), dossierCode: Nullable(Type.String()), requestId: Type.String(),
          })),
          nextCursor: Nullable(Type.String()),
        }),
      },
    },
  }, async (req) => {
    const p = requireStaff(req);
    const r = await lookupLogPage(deps.db, p, req.query);
    return {
      items: r.rows.map((l) => ({
        id: Number(l.id), at: l.at.toISOString(), registry: l.registry, purpose: l.purpose, outcome: l.outcome, subjectMasked: l.subject_masked,
        subjectName: l.subject_name, staffId: l.staff_id === null ? null : Number(l.staff_id), staffName: l.staff_name, citizen: l.citizen_id !== null,
        dossierId: l.dossier_id, dossierCode: l.dossier_code ?? l.dossier_reference, requestId: l.request_id,
      })),
      nextCursor: r.nextCursor,
    };
  });
}
