// "Kho dữ liệu của tôi" (/ho-so-cua-toi/kho-du-lieu), for the citizen logged in with e-identity (anyone else is sent
// to the login; another citizen's item is 404, as an unknown one):
//   GET  /ho-so-cua-toi/kho-du-lieu                         the items and who looked into the store  store-views.tsx
//   GET  /ho-so-cua-toi/kho-du-lieu/:id                     one item: download, share links, correction/deletion
//   GET  /ho-so-cua-toi/kho-du-lieu/:id/tai-ve              its file (in the access log)
//   POST /ho-so-cua-toi/kho-du-lieu/:id/chia-se             a new link (1, 7 or 30 days), its token shown once
//   POST /ho-so-cua-toi/kho-du-lieu/:id/chia-se/:s/thu-hoi  closes a link
//   POST /ho-so-cua-toi/kho-du-lieu/:id/yeu-cau             asks to correct or delete a paper (not a legal record)
// Every POST is CSRF-checked (the app's hook) and idempotent by its form key. Rules and SQL: src/datastore/.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, Deps } from '../../http/deps.ts';
import { IDEMPOTENCY_HEADER, idempotent } from '../../http/idempotency.ts';
import { Problem, notFound } from '../../http/problem.ts';
import { isShareDays } from '../../datastore/core/shares.ts';
import { askChange, createShare, downloadItem, myItem, myStore, revokeMyShare } from '../../datastore/service.ts';
import type { CitizenRef } from '../../privacy/service.ts';
import type { FieldError } from '../components.tsx';
import { csrfToken, sendPage } from '../render.tsx';
import { FORM_KEY } from '../staff/common.tsx';
import { STORE_PATH } from './account-pages.tsx';
import { currentCitizen, loginTo } from './account-session.ts';
import { bodyOf, page, queryOf, str } from './common.ts';
import { ItemPage, StorePage, itemPath, type ChangeValues, type ItemPageProps } from './store-views.tsx';
import { sharePages } from './share-pages.tsx';

async function citizenOr(deps: Deps, req: FastifyRequest, reply: FastifyReply, back: string): Promise<CitizenRef | null> {
  const c = await currentCitizen(deps, req);
  if (!c) {
    void reply.redirect(loginTo(back), 303);
    return null;
  }
  return { id: c.id, idNumber: c.idNumber, name: c.name };
}

/** The item id of the URL (a positive integer), else 404. */
function idOf(req: FastifyRequest, name = 'id'): number {
  const s = str((req.params as Record<string, unknown>)[name]);
  if (!/^[1-9][0-9]{0,14}$/.test(s)) throw notFound('giấy tờ trong kho dữ liệu');
  return Number(s);
}

/** Runs a form's change once per form key (a double submit replays the first outcome); true when it ran now. */
async function once<T>(deps: Deps, req: FastifyRequest, reply: FastifyReply, c: CitizenRef, work: Parameters<typeof idempotent<T>>[4]) {
  const body = bodyOf(req);
  const key = str(body[FORM_KEY]);
  if (!/^f-[0-9a-f-]{36}$/.test(key)) throw new Problem(400, 'FORM_KEY_MISSING', 'Biểu mẫu không hợp lệ. Vui lòng tải lại trang và gửi lại.');
  req.headers[IDEMPOTENCY_HEADER] = key;
  const { _csrf: _ignored, ...content } = body;
  return idempotent(deps.db, req, reply, `citizen:${c.id}`, work, content);
}

const isFormProblem = (e: unknown): e is Problem => e instanceof Problem && [409, 422].includes(e.status);

const NOTICES: Record<string, string> = {
  thu_hoi: 'Đã thu hồi liên kết: liên kết không mở được nữa.',
  yeu_cau: 'Đã gửi yêu cầu. Ủy ban nhân dân xã trả lời trong 2 ngày làm việc; câu trả lời hiện trên trang này và trang "Dữ liệu cá nhân của tôi".',
};

function validateChange(v: ChangeValues): FieldError[] {
  const e: FieldError[] = [];
  if (v.loai !== 'correction' && v.loai !== 'deletion') e.push({ field: 'loai', message: 'Chọn sửa hay xóa giấy tờ' });
  if (v.loai === 'correction' && !v.dung) e.push({ field: 'dung', message: 'Nhập thông tin đúng' });
  if ((v.noi_dung ?? '').length < 10) e.push({ field: 'noi_dung', message: 'Nhập nội dung yêu cầu (ít nhất 10 ký tự)' });
  if ((v.noi_dung ?? '').length > 4000) e.push({ field: 'noi_dung', message: 'Quá dài (tối đa 4000 ký tự)' });
  if ((v.dung ?? '').length > 1000) e.push({ field: 'dung', message: 'Quá dài (tối đa 1000 ký tự)' });
  return e;
}

export async function storePages(app: App, deps: Deps) {
  const show = async (reply: FastifyReply, c: CitizenRef, id: number, extra: Omit<ItemPageProps, 'd' | 'csrf' | 'publicUrl'> = {}, status = 200) => {
    const d = await myItem(deps.db, c, id, deps.now());
    void reply.header('Cache-Control', 'no-store');
    return sendPage(reply, <ItemPage d={d} csrf={csrfToken(reply)} publicUrl={deps.publicUrl} {...extra} />, status);
  };

  app.get(STORE_PATH, page, async (req, reply) => {
    const c = await citizenOr(deps, req, reply, STORE_PATH);
    if (!c) return reply;
    void reply.header('Cache-Control', 'no-store');
    return sendPage(reply, <StorePage d={await myStore(deps.db, c, deps.now())} />);
  });

  app.get(`${STORE_PATH}/:id`, page, async (req, reply) => {
    const c = await citizenOr(deps, req, reply, req.url);
    if (!c) return reply;
    const notice = NOTICES[str(queryOf(req).da)];
    return show(reply, c, idOf(req), notice ? { notice } : {});
  });

  app.get(`${STORE_PATH}/:id/tai-ve`, page, async (req, reply) => {
    const c = await citizenOr(deps, req, reply, req.url);
    if (!c) return reply;
    const f = await downloadItem(deps.db, c, idOf(req));
    return reply.type(f.contentType).header('Cache-Control', 'private, no-store')
      .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`).send(f.content);
  });

  app.post(`${STORE_PATH}/:id/chia-se`, page, async (req, reply) => {
    const id = idOf(req);
    const c = await citizenOr(deps, req, reply, itemPath(id));
    if (!c) return reply;
    const days = Number(str(bodyOf(req).ngay));
    if (!isShareDays(days)) return show(reply, c, id, { shareErrors: [{ field: 'ngay', message: 'Chọn thời hạn của liên kết: 1, 7 hoặc 30 ngày' }] }, 400);
    let created: { token: string; expiresAt: Date } | undefined;
    try {
      await once(deps, req, reply, c, async (trx) => {
        const s = await createShare(trx, c, id, days, deps.now());
        created = { token: s.token, expiresAt: s.expiresAt };
        return { status: 201, body: { shareId: s.shareId } }; // the token is never stored, not even here
      });
    } catch (e) {
      if (!isFormProblem(e)) throw e;
      return show(reply, c, id, { shareErrors: [{ field: 'chia-se', message: e.title }] }, e.status);
    }
    return created ? show(reply, c, id, { created }, 201) : show(reply, c, id, { replayed: true });
  });

  app.post(`${STORE_PATH}/:id/chia-se/:share/thu-hoi`, page, async (req, reply) => {
    const id = idOf(req);
    const c = await citizenOr(deps, req, reply, itemPath(id));
    if (!c) return reply;
    const shareId = idOf(req, 'share');
    await once(deps, req, reply, c, async (trx) => ({ status: 200, body: await revokeMyShare(trx, c, id, shareId, deps.now()) }));
    return reply.redirect(`${itemPath(id)}?da=thu_hoi`, 303);
  });

  app.post(`${STORE_PATH}/:id/yeu-cau`, page, async (req, reply) => {
    const id = idOf(req);
    const c = await citizenOr(deps, req, reply, itemPath(id));
    if (!c) return reply;
    const body = bodyOf(req);
    const v: ChangeValues = { loai: str(body.loai).trim(), noi_dung: str(body.noi_dung).trim(), dung: str(body.dung).trim() };
    const errors = validateChange(v);
    if (errors.length) return show(reply, c, id, { change: { v, errors } }, 400);
    try {
      await once(deps, req, reply, c, async (trx) => ({
        status: 201,
        body: await askChange(trx, c, id, { kind: v.loai as 'correction' | 'deletion', detail: v.noi_dung!, rightValue: v.dung || undefined }, deps.now()),
      }));
    } catch (e) {
      if (!isFormProblem(e)) throw e;
      return show(reply, c, id, { change: { v, errors: [{ field: 'yeu-cau', message: e.title }] } }, e.status);
    }
    return reply.redirect(`${itemPath(id)}?da=yeu_cau`, 303);
  });

  await sharePages(app, deps);
}
