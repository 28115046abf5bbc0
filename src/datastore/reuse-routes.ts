// The counter's use of an applicant's data store, as API: look up (logged with who, when, why: TT 117/2026/TT-BCA)
// and attach an item found to a dossier component (source 'store': DuocTaiSuDung, DuocLayTuKhoDMQG, MaKetQuaThayThe,
// 766 spec 4.3–4.4). The same rules as the page /can-bo/ho-so/:id/kho-du-lieu (web/staff/store-lookup.tsx).
import { Type } from '@sinclair/typebox';
import type { App, Deps } from '../http/deps.ts';
import { Problem, notFound } from '../http/problem.ts';
import { idempotent } from '../http/idempotency.ts';
import { IdempotencyHeader, STAFF_SECURITY as security } from '../http/openapi.ts';
import { requireStaff } from '../identity/hooks.ts';
import { principalKey } from '../identity/core/principal.ts';
import { componentsOf } from '../catalogue/store.ts';
import { loadDossier } from '../dossiers/store.ts';
import { vnDate } from '../calendar/core/index.ts';
import { reuseFlags } from './core/items.ts';
import { attachLookedUp, checkStoreUse, itemJson, lookupErrors, lookupStore } from './reuse.ts';

const tags = ['kho dữ liệu'];
const ROLES = ['receiving_officer', 'specialist', 'unit_head'] as const;

const Item = Type.Object({
  id: Type.Integer(), kind: Type.String(), typeCode: Type.String(), typeName: Type.String(), issuer: Type.String(),
  numberSymbol: Type.Union([Type.String(), Type.Null()]), validFrom: Type.String({ format: 'date' }),
  validTo: Type.Union([Type.String({ format: 'date' }), Type.Null()]), signedCode: Type.Union([Type.String(), Type.Null()]), fileName: Type.String(),
});

/** The dossier the officer may see and use the store for, with its procedure's components. */
async function dossierFor(deps: Deps, p: ReturnType<typeof requireStaff>, id: string) {
  const row = await loadDossier(deps.db, p, id);
  if (!row) throw notFound('hồ sơ');
  checkStoreUse(p, row);
  return { row, components: await componentsOf(deps.db, row.procedure_code, row.procedure_version) };
}

const unknownComponent = (code: string) => new Problem(422, 'UNKNOWN_COMPONENT', `Thủ tục này không có thành phần hồ sơ "${code}".`);

export async function reuseRoutes(app: App, deps: Deps) {
  app.post(
    '/api/v1/dossiers/:id/store-lookup',
    {
      config: { roles: [...ROLES] },
      schema: {
        tags, security, headers: IdempotencyHeader,
        summary: 'Tra cứu kho dữ liệu của người nộp (ghi nhật ký người tra cứu, thời điểm, lý do)',
        description: 'Thông tư 117/2026/TT-BCA: mỗi lần tra cứu được ghi lại, kể cả khi không tìm thấy. Trả về các giấy tờ còn giá trị: '
          + 'trước hết những giấy tờ dùng được cho thành phần `component` (nếu có), sau đó các giấy tờ khác.',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object({
          idNumber: Type.String({ pattern: '^[0-9]{12}$', description: 'Số định danh cá nhân của chủ giấy tờ' }),
          reason: Type.String({ minLength: 5, maxLength: 500, description: 'Lý do tra cứu (bắt buộc)' }),
          component: Type.Optional(Type.String({ pattern: '^[A-Z0-9_]{1,40}$' })),
        }, { additionalProperties: false }),
        response: { 200: Type.Object({ forComponent: Type.Array(Item), others: Type.Array(Item) }) },
      },
    },
    async (req, reply) => {
      const p = requireStaff(req);
      const { row, components } = await dossierFor(deps, p, req.params.id);
      const b = req.body;
      const bad = lookupErrors({ idNumber: b.idNumber, reason: b.reason });
      if (bad.length) throw new Problem(422, 'LOOKUP_INVALID', bad[0]!.message);
      const component = b.component ? components.find((c) => c.code === b.component) : null;
      if (component === undefined) throw unknownComponent(b.component!);
      return idempotent(deps.db, req, reply, principalKey(p), async (trx) => {
        const now = deps.now();
        const r = await lookupStore(trx, { staffId: p.id, communeId: p.communeId }, row.id, { ownerIdNumber: b.idNumber, reason: b.reason, component }, vnDate(now), now);
        return { status: 200, body: { forComponent: r.forComponent.map(itemJson), others: r.others.map(itemJson) } };
      });
    },
  );

  app.post(
    '/api/v1/dossiers/:id/files/from-store',
    {
      config: { roles: [...ROLES] },
      schema: {
        tags, security, headers: IdempotencyHeader,
        summary: 'Dùng giấy tờ trong kho dữ liệu của người nộp cho một thành phần hồ sơ (không tải lên lại)',
        description: 'Chỉ giấy tờ đã tìm thấy khi tra cứu kho cho hồ sơ này, còn giá trị và thuộc loại thành phần hồ sơ chấp nhận. '
          + 'Tệp được gắn cờ tái sử dụng (DuocTaiSuDung), lấy từ kho (DuocLayTuKhoDMQG) và mã kết quả thay thế (MaKetQuaThayThe).',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object({
          component: Type.String({ pattern: '^[A-Z0-9_]{1,40}$' }),
          itemId: Type.Integer({ minimum: 1 }),
        }, { additionalProperties: false }),
        response: {
          201: Type.Object({
            id: Type.Integer(), componentCode: Type.String(), fileName: Type.String(), sha256: Type.String(), storeItemId: Type.Integer(),
            replacesWith: Type.String(), digitised: Type.Boolean(), reused: Type.Boolean(), fromStore: Type.Boolean(), uploadedAt: Type.String(),
          }),
        },
      },
    },
    async (req, reply) => {
      const p = requireStaff(req);
      const { row, components } = await dossierFor(deps, p, req.params.id);
      const component = components.find((c) => c.code === req.body.component);
      if (!component) throw unknownComponent(req.body.component);
      return idempotent(deps.db, req, reply, principalKey(p), async (trx) => {
        const { item, file } = await attachLookedUp(trx, row.id, component, req.body.itemId, p.id, deps.now());
        return {
          status: 201,
          body: {
            id: file.id, componentCode: component.code, fileName: item.file_name, sha256: item.sha256, storeItemId: item.id,
            replacesWith: reuseFlags(item).replacesWith, digitised: file.digitised, reused: file.reused,
            fromStore: file.from_store, uploadedAt: file.uploaded_at.toISOString(),
          },
        };
      });
    },
  );
}
