// Exports for staff: the standard period report as .xlsx and PDF. Any staff member of a commune, for their own
// commune only (as the dashboard). The tracking book's PDF and .xlsx are in src/documents/routes.ts.
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import type { App, Deps } from '../http/deps.ts';
import { Problem } from '../http/problem.ts';
import { STAFF_SECURITY as security } from '../http/openapi.ts';
import { requireStaff } from '../identity/hooks.ts';
import type { Principal } from '../identity/core/principal.ts';
import { orgFacts } from '../documents/store.ts';
import { periodReportDocument, type PeriodReportInput } from '../documents/period-report.ts';
import { renderPdf } from '../documents/pdf.ts';
import { XLSX_TYPE, attachment, periodReportXlsx } from '../documents/xlsx.ts';
import { periodName, periodOf } from './core/periods.ts';
import { report } from './service.ts';

const tags = ['chỉ số'];
const code = { pattern: '^[A-Za-z0-9_.-]{1,60}$' };

const ReportQuery = Type.Object({
  year: Type.Integer({ minimum: 2020, maximum: 2100 }),
  quarter: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
  month: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
  unit: Type.Optional(Type.String({ ...code, description: 'Mã đơn vị' })),
  field: Type.Optional(Type.String({ ...code, description: 'Mã lĩnh vực' })),
  procedure: Type.Optional(Type.String({ ...code, description: 'Mã thủ tục' })),
});
type ReportQuery = Static<typeof ReportQuery>;

async function reportInput(deps: Deps, p: Principal, q: ReportQuery): Promise<PeriodReportInput> {
  if (q.month && q.quarter) throw new Problem(422, 'BAD_PERIOD', 'Chỉ chọn tháng hoặc quý, không chọn cả hai.');
  const period = periodOf(q);
  const scope = { communeId: p.communeId, unitCode: q.unit, fieldCode: q.field, procedureCode: q.procedure };
  const [r, { org }] = await Promise.all([report(deps.db, scope, period), orgFacts(deps.db, p.communeId, [])]);
  const filters = [q.unit && `đơn vị ${q.unit}`, q.field && `lĩnh vực ${q.field}`, q.procedure && `thủ tục ${q.procedure}`].filter(Boolean);
  const key = [p.communeId, q.year, q.quarter ? `Q${q.quarter}` : q.month ? String(q.month).padStart(2, '0') : null, q.field, q.unit, q.procedure]
    .filter(Boolean).join('-');
  return {
    org, report: r, periodName: periodName(q), start: period.start, end: period.end, key,
    scope: filters.length ? filters.join(', ') : null, compiledBy: p.name, now: deps.now(),
  };
}

function send(reply: FastifyReply, type: string, fileName: string, body: Buffer) {
  reply.header('Content-Disposition', attachment(fileName));
  return reply.type(type).send(body);
}

export async function exportRoutes(app: App, deps: Deps) {
  const reportSummary = 'Báo cáo tình hình giải quyết hồ sơ trong kỳ của xã của người dùng: theo lĩnh vực (cộng) và thủ tục, tổng cộng';
  app.get('/api/v1/indicators/report.xlsx', {
    schema: { tags, summary: `${reportSummary} (.xlsx)`, security, produces: [XLSX_TYPE], querystring: ReportQuery },
  }, async (req, reply) => {
    const input = await reportInput(deps, requireStaff(req), req.query);
    const body = await periodReportXlsx(input);
    return send(reply, XLSX_TYPE, `bao-cao-giai-quyet-ho-so-${input.key}.xlsx`, body);
  });

  app.get('/api/v1/indicators/report.pdf', {
    schema: { tags, summary: `${reportSummary} (PDF khổ ngang)`, security, produces: ['application/pdf'], querystring: ReportQuery },
  }, async (req, reply) => {
    const input = await reportInput(deps, requireStaff(req), req.query);
    const model = periodReportDocument(input);
    return send(reply, 'application/pdf', model.fileName, await renderPdf(model));
  });
}
