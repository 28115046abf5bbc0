// Open data, public, no login (plan II.6: open data): the DCAT catalogue record and each dataset as CSV, JSON and its
// Table Schema, at /du-lieu-mo/… (the download links of the portal page /du-lieu-mo) and the same under
// /api/v1/open-data/…. Aggregates only (core/datasets.ts). Cached: Cache-Control public, an ETag, 304 on a match.
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, Deps } from '../http/deps.ts';
import { notFound } from '../http/problem.ts';
import { PORTAL_COMMUNE_ID } from '../web/portal/common.ts';
import { CACHE_SECONDS, catalogue, download, type Body } from './service.ts';

const tags = ['dữ liệu mở'];

function send(req: FastifyRequest, reply: FastifyReply, b: Body, fileName?: string) {
  reply.header('Cache-Control', `public, max-age=${CACHE_SECONDS}`).header('ETag', b.etag).header('Last-Modified', b.modified.toUTCString())
    .header('Access-Control-Allow-Origin', '*').header('X-Content-Type-Options', 'nosniff');
  if (req.headers['if-none-match'] === b.etag) return reply.code(304).send();
  if (fileName) reply.header('Content-Disposition', `attachment; filename="${fileName}"`);
  return reply.type(b.contentType).send(b.body);
}

const File = Type.Object({ file: Type.String({ pattern: '^[a-z0-9-]+\\.(csv|json|schema\\.json)$', maxLength: 80 }) });

export async function openDataRoutes(app: App, deps: Deps): Promise<void> {
  const catalogueRoute = async (req: FastifyRequest, reply: FastifyReply) =>
    send(req, reply, await catalogue(deps.readDb, PORTAL_COMMUNE_ID, deps.publicUrl, deps.now()));
  app.get('/du-lieu-mo/catalog.jsonld', { schema: { hide: true } }, catalogueRoute);
  app.get('/api/v1/open-data/catalog', {
    schema: { tags, summary: 'Bản ghi danh mục dữ liệu mở (DCAT, JSON-LD): các bộ dữ liệu, giấy phép, tần suất cập nhật, định dạng, đường dẫn tải và lược đồ' },
  }, catalogueRoute);

  const fileRoute = async (req: FastifyRequest<{ Params: { file: string } }>, reply: FastifyReply) => {
    const b = await download(deps.readDb, PORTAL_COMMUNE_ID, req.params.file, deps.now());
    if (!b) throw notFound('bộ dữ liệu');
    return send(req, reply, b, req.params.file.endsWith('.csv') ? req.params.file : undefined);
  };
  app.get('/du-lieu-mo/:file', { schema: { hide: true, params: File } }, fileRoute);
  app.get('/api/v1/open-data/:file', {
    schema: {
      tags, params: File,
      summary: 'Một bộ dữ liệu mở: <mã>.csv, <mã>.json hoặc lược đồ <mã>.schema.json (Frictionless Table Schema); chỉ số liệu tổng hợp, không có thông tin cá nhân',
    },
  }, fileRoute);
}
