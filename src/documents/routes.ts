// HTTP edge of the official documents: the PDF of a dossier's form, and the tracking book of a field and period
// (PDF, and .xlsx with the same rows).
// Staff only (the schemas declare `security`), scoped exactly like the dossier API: another commune's dossier, or
// for a specialist another unit's, is not found (404). A form whose event the dossier does not have is 409.
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import type { App, Deps } from '../http/deps.ts';
import { Problem, notFound } from '../http/problem.ts';
import { STAFF_SECURITY as security } from '../http/openapi.ts';
import { requireStaff } from '../identity/hooks.ts';
import { principalKey, seesWholeCommune, type Principal } from '../identity/core/principal.ts';
import { parseVnTime } from '../calendar/core/index.ts';
import { loadDossier, logAccess } from '../dossiers/store.ts';
import { orgFacts } from './store.ts';
import { bookRows, dossierFacts } from './facts.ts';
import { receipt, refusal, supplementRequest } from './forms-intake.ts';
import { apology, controlSheet, stopNotice } from './forms-later.ts';
import { declarationForm } from './forms-declaration.ts';
import { declarationOf } from '../dossiers/declaration.ts';
import { hideIdNumbers } from '../dossiers/core/declaration.ts';
import { canReadIdNumbers } from '../dossiers/service.ts';
import { DOSSIER_FORM_IDS, FORMS, type BuildContext, type DocumentModel, type DossierFacts, type DossierFormId } from './core/model.ts';
import { renderPdf } from './pdf.ts';
import { trackingBook } from './tracking-book.ts';
import { dateShort } from './core/format.ts';
import { XLSX_TYPE, attachment, documentTableXlsx } from './xlsx.ts';

const tags = ['biểu mẫu'];

/** The forms built from the dossier's facts alone (the tờ khai also needs its declaration). */
const BUILDERS: Record<Exclude<DossierFormId, 'to-khai'>, (d: DossierFacts, ctx: BuildContext) => DocumentModel | null> = {
  receipt,
  'supplement-request': supplementRequest,
  refusal,
  apology,
  'stop-notice': stopNotice,
  'control-sheet': controlSheet,
};

/** Forms that print the applicant's ID number (domain.md §2.6 items 1, 3, 4): reading one is logged. */
const SHOWS_ID_NUMBER: Record<DossierFormId, boolean> = {
  receipt: true,
  'supplement-request': false,
  refusal: true,
  apology: true,
  'stop-notice': false,
  'control-sheet': false,
  'to-khai': false, // the requester's number is in the declaration, shown by canReadIdNumbers like on the dossier page
};

/** Why a dossier has no such form (409). */
const NOT_AVAILABLE: Record<DossierFormId, string> = {
  receipt: 'Hồ sơ chưa được tiếp nhận nên chưa có Giấy tiếp nhận hồ sơ và hẹn trả kết quả.',
  'supplement-request': 'Hồ sơ chưa có yêu cầu bổ sung, hoàn thiện nên không có Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ.',
  refusal: 'Hồ sơ không bị từ chối tiếp nhận nên không có Phiếu từ chối tiếp nhận giải quyết hồ sơ.',
  apology: 'Hồ sơ chưa có văn bản xin lỗi và hẹn lại ngày trả kết quả.',
  'stop-notice': 'Hồ sơ không bị dừng giải quyết hay rút nên không có Thông báo dừng giải quyết hồ sơ.',
  'control-sheet': 'Hồ sơ chưa được tiếp nhận nên chưa có Phiếu kiểm soát quá trình giải quyết hồ sơ.',
  'to-khai': 'Hồ sơ không có tờ khai điện tử (thủ tục không có tờ khai hoặc hồ sơ được tiếp nhận không kèm tờ khai).',
};

const DAY_MS = 86_400_000;
/** The longest period one tracking book covers. */
const MAX_BOOK_DAYS = 366;

function sendPdf(reply: FastifyReply, m: DocumentModel, pdf: Buffer) {
  reply.header('Content-Disposition', `inline; filename="${m.fileName}"`);
  return reply.type('application/pdf').send(pdf);
}

export async function documentRoutes(app: App, deps: Deps) {
  app.get(
    '/api/v1/dossiers/:id/documents/:kind',
    {
      schema: {
        tags,
        summary: 'Biểu mẫu của hồ sơ dạng PDF (giấy tiếp nhận, phiếu yêu cầu bổ sung, phiếu từ chối, phiếu xin lỗi, '
          + 'thông báo dừng, phiếu kiểm soát, tờ khai đã điền)',
        description: DOSSIER_FORM_IDS.map((k) => `${k}: ${FORMS[k].title} (${FORMS[k].legalBasis})`).join('; ')
          + '. Trả về application/pdf; 409 khi hồ sơ không có sự kiện tương ứng. Số hiệu các mẫu chưa được đối chiếu với Phụ lục I '
          + 'Thông tư 03/2025/TT-VPCP.',
        security,
        produces: ['application/pdf'],
        params: Type.Object({
          id: Type.String({ format: 'uuid' }),
          kind: Type.Union(DOSSIER_FORM_IDS.map((k) => Type.Literal(k))),
        }),
        querystring: Type.Object({
          seq: Type.Optional(Type.Integer({ minimum: 1, description: 'Số thứ tự sự kiện trong nhật ký (mặc định: sự kiện gần nhất)' })),
          component: Type.Optional(Type.String({ pattern: '^[A-Z0-9_]{1,40}$', description: 'to-khai: mã thành phần tờ khai (mặc định: tờ khai đầu tiên)' })),
        }),
      },
    },
    async (req, reply) => {
      const p = requireStaff(req);
      const row = await loadDossier(deps.db, p, req.params.id);
      if (!row) throw notFound('hồ sơ');
      const kind = req.params.kind as DossierFormId;
      const facts = await dossierFacts(deps.db, p, row, SHOWS_ID_NUMBER[kind]);
      const ctx = { publicUrl: deps.publicUrl, now: deps.now(), seq: req.query.seq };
      const decl = kind === 'to-khai' ? await declarationOf(deps.db, row.id) : null;
      // The declaration holds other people's ID numbers: shown, and logged, as on the dossier page (dossiers/view.ts).
      const shown = decl && !canReadIdNumbers(p) ? { ...decl, forms: hideIdNumbers(decl.forms) } : decl;
      const model = kind === 'to-khai' ? declarationForm(facts, shown, ctx, req.query.component) : BUILDERS[kind](facts, ctx);
      if (!model) throw new Problem(409, 'DOCUMENT_NOT_AVAILABLE', NOT_AVAILABLE[kind]);
      const pdf = await renderPdf(model);
      if (decl && shown === decl) await logAccess(deps.db, principalKey(p), 'view_declaration', row.id, { document: kind });
      if (facts.applicant.idNumber) await logAccess(deps.db, principalKey(p), 'view_id_number', row.id, { document: kind });
      return sendPdf(reply, model, pdf);
    },
  );

  const BookQuery = Type.Object({
    field: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,40}$', description: 'Mã lĩnh vực, ví dụ HOTICH' }),
    from: Type.String({ format: 'date' }),
    to: Type.String({ format: 'date' }),
  });
  const bookSchema = (as: string, produces: string) => ({
    tags,
    summary: `Sổ theo dõi hồ sơ của một lĩnh vực trong một khoảng thời gian (${as}), trong phạm vi của người dùng`,
    description: `${FORMS['tracking-book'].legalBasis}. Hồ sơ được tiếp nhận từ ngày \`from\` đến hết ngày \`to\` (giờ Việt Nam), `
      + `tối đa ${MAX_BOOK_DAYS} ngày.`,
    security,
    produces: [produces],
    querystring: BookQuery,
  });

  /** The tracking book of the caller's scope, the same for its PDF and its spreadsheet; each printing is logged. */
  async function bookOf(p: Principal, q: Static<typeof BookQuery>, as: 'pdf' | 'xlsx') {
    const from = parseVnTime(q.from);
    const to = parseVnTime(q.to);
    if (to < from) throw new Problem(422, 'BAD_PERIOD', 'Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.');
    if ((to.getTime() - from.getTime()) / DAY_MS + 1 > MAX_BOOK_DAYS) {
      throw new Problem(422, 'PERIOD_TOO_LONG', `Một sổ theo dõi chỉ in tối đa ${MAX_BOOK_DAYS} ngày.`);
    }
    const data = await bookRows(deps.db, p, q.field, from, new Date(to.getTime() + DAY_MS));
    if (!data) throw new Problem(422, 'UNKNOWN_FIELD', `Không có lĩnh vực mã "${q.field}".`);
    const { org, units } = await orgFacts(deps.db, p.communeId, []);
    const model = trackingBook({
      org, deskCode: units.find((u) => u.receivesDossiers)?.code ?? null, fieldCode: q.field, fieldName: data.fieldName,
      from, to, rows: data.rows, scopeUnit: seesWholeCommune(p) ? null : p.unitCode, compiledBy: p.name, now: deps.now(),
    });
    await logAccess(deps.db, principalKey(p), as === 'pdf' ? 'print_tracking_book' : 'export_tracking_book', null, { field: q.field, from: q.from, to: q.to, rows: data.rows.length });
    return { model, org, from, to, fieldName: data.fieldName, rows: data.rows.length };
  }

  app.get('/api/v1/tracking-book', { schema: bookSchema('PDF khổ ngang', 'application/pdf') }, async (req, reply) => {
    const { model } = await bookOf(requireStaff(req), req.query, 'pdf');
    return sendPdf(reply, model, await renderPdf(model));
  });

  app.get('/api/v1/tracking-book.xlsx', { schema: bookSchema('.xlsx, cùng nội dung với bản PDF', XLSX_TYPE) }, async (req, reply) => {
    const b = await bookOf(requireStaff(req), req.query, 'xlsx');
    const body = await documentTableXlsx(b.model, 'Sổ theo dõi', [
      `${b.org.communeName}. Lĩnh vực: ${b.fieldName}`,
      `Từ ngày ${dateShort(b.from)} đến ngày ${dateShort(b.to)}`,
    ], `Tổng số: ${b.rows} hồ sơ.`);
    reply.header('Content-Disposition', attachment(b.model.fileName.replace(/\.pdf$/, '.xlsx')));
    return reply.type(XLSX_TYPE).send(body);
  });
}
