// The data store's API, kept small:
//   GET /api/v1/store/items           the logged-in citizen's items (e-identity session cookie; 401 without), JSON twin
//                                     of "Kho dữ liệu của tôi" for an app; never another person's
//   GET /api/v1/dossiers/:id/store-items  what a dossier put into its applicant's store (staff who may see the
//                                     dossier; 404 for another commune's or unit's), the 766 "pushed to the store" fact
// The counter officer's search of a person's store (with a reason, logged) is lookup-store.ts's.
import { Type } from '@sinclair/typebox';
import type { App, Deps } from '../http/deps.ts';
import { STAFF_SECURITY as security } from '../http/openapi.ts';
import { notFound, unauthenticated } from '../http/problem.ts';
import { requireStaff } from '../identity/hooks.ts';
import { CITIZEN_COOKIE, citizenFromSession } from '../identity/citizens/accounts.ts';
import { loadDossier } from '../dossiers/store.ts';
import { vnDate } from '../calendar/core/vn-time.ts';
import { itemView } from './core/shares.ts';
import { myStore } from './service.ts';
import { itemsFromDossier, type StoreItemRow } from './store.ts';

const tags = ['kho dữ liệu'];
const Str = Type.Union([Type.String(), Type.Null()]);
const ItemSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.Union([Type.Literal('result'), Type.Literal('component')]),
  typeCode: Type.String({ description: 'MaKetQua / loại giấy tờ' }),
  typeName: Type.String(),
  issuer: Type.String(),
  numberSymbol: Type.Union([Type.String(), Type.Null()], { description: 'Số, ký hiệu' }),
  validFrom: Type.String({ format: 'date' }),
  validTo: Str,
  legalRecord: Type.Boolean(),
  status: Type.Union([Type.Literal('valid'), Type.Literal('revoked'), Type.Literal('deleted')]),
  view: Type.Union(['valid', 'not_yet', 'expired', 'revoked', 'deleted'].map((v) => Type.Literal(v)), { description: 'Trạng thái hôm nay' }),
  signedCode: Str,
  fileName: Type.String(),
});

const view = (i: StoreItemRow, today: string) => ({
  id: i.id, kind: i.kind, typeCode: i.type_code, typeName: i.type_name, issuer: i.issuer, numberSymbol: i.number_symbol,
  validFrom: i.valid_from, validTo: i.valid_to, legalRecord: i.legal_record, status: i.status, view: itemView(i, today),
  signedCode: i.signed_code, fileName: i.file_name,
});

export async function dataStoreRoutes(app: App, deps: Deps): Promise<void> {
  app.get('/api/v1/store/items', {
    schema: { tags, summary: 'Kho dữ liệu của công dân đang đăng nhập bằng định danh điện tử', response: { 200: Type.Object({ items: Type.Array(ItemSchema) }) } },
  }, async (req, reply) => {
    const c = await citizenFromSession(deps.db, req.cookies?.[CITIZEN_COOKIE], deps.now());
    if (!c) throw unauthenticated();
    void reply.header('Cache-Control', 'no-store');
    const today = vnDate(deps.now());
    return { items: (await myStore(deps.db, { id: c.id, idNumber: c.idNumber, name: c.name }, deps.now())).items.map((i) => view(i, today)) };
  });

  app.get('/api/v1/dossiers/:id/store-items', {
    schema: { tags, summary: 'Giấy tờ hồ sơ đã đưa vào kho dữ liệu của người nộp khi trả kết quả', security,
      params: Type.Object({ id: Type.String({ format: 'uuid' }) }), response: { 200: Type.Object({ items: Type.Array(ItemSchema) }) } },
  }, async (req) => {
    const p = requireStaff(req);
    const row = await loadDossier(deps.db, p, req.params.id);
    if (!row) throw notFound('hồ sơ');
    const today = vnDate(deps.now());
    return { items: (await itemsFromDossier(deps.db, row.id)).map((i) => view(i, today)) };
  });
}
