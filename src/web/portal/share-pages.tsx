// /chia-se/:token (no login): one document of a citizen's store shared by a time-limited link (datastore/core/shares.ts)
// — its metadata and the download while the link is open; a link expired, revoked or whose document was revoked or
// deleted is a clear page (410); an unknown one 404. Each opening (page or download) is logged (store_share_opens);
// unknown tokens count against the visitor's address (datastore/service.ts SHARE_POLICY: 429 past it).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, Deps } from '../../http/deps.ts';
import { openShare, SHARE_POLICY, type Opened } from '../../datastore/service.ts';
import { fmtDate, fmtDateTime } from '../../shared/format.ts';
import { SummaryList } from '../components.tsx';
import { Layout } from '../layout.tsx';
import { sendPage } from '../render.tsx';
import { page, str } from './common.ts';

export const SHARE_PATH = '/chia-se';

type Shared = Extract<Opened, { ok: true }>['item'];

function SharedPage({ i, token }: { i: Shared; token: string }) {
  return (
    <Layout title={i.type_name}>
      <h1>{i.type_name}</h1>
      <p>Giấy tờ được chủ sở hữu chia sẻ từ kho dữ liệu điện tử của mình. Liên kết mở được đến {fmtDateTime(i.expires_at)}.</p>
      <SummaryList rows={[
        { key: 'Cơ quan cấp hoặc nơi nộp', value: i.issuer },
        { key: 'Số, ký hiệu', value: i.number_symbol ?? 'Không có' },
        { key: 'Ngày cấp', value: fmtDate(i.valid_from) },
        { key: 'Hiệu lực', value: i.valid_to ? `đến hết ngày ${fmtDate(i.valid_to)}` : 'không thời hạn' },
        ...(i.signed_code && i.number_symbol ? [{ key: 'Kiểm tra văn bản gốc', value: <a href={`/xac-thuc?ma=${i.number_symbol}`}>Kiểm tra bằng mã xác thực {i.number_symbol}</a> }] : []),
      ]} />
      <p><a class="button button--primary" href={`${SHARE_PATH}/${token}/tai-ve`} download role="button" draggable={false}>Tải về ({i.file_name})</a></p>
    </Layout>
  );
}

const MESSAGES = {
  not_found: { status: 404, title: 'Không tìm thấy giấy tờ được chia sẻ', detail: 'Liên kết không đúng. Kiểm tra lại liên kết bạn nhận được (sao chép đầy đủ).' },
  closed: { status: 410, title: 'Liên kết chia sẻ không còn hiệu lực', detail: 'Liên kết đã hết hạn hoặc đã được chủ sở hữu thu hồi, hoặc giấy tờ không còn hiệu lực. Đề nghị người chia sẻ gửi liên kết mới.' },
  locked: { status: 429, title: 'Đã mở quá nhiều liên kết không đúng', detail: `Vui lòng thử lại sau ${SHARE_POLICY.windowMinutes} phút.` },
} as const;

function Closed({ m }: { m: (typeof MESSAGES)[keyof typeof MESSAGES] }) {
  return (
    <Layout title={m.title}>
      <h1>{m.title}</h1>
      <p>{m.detail}</p>
      <p><a href="/">Về trang chủ</a></p>
    </Layout>
  );
}

async function opened(deps: Deps, req: FastifyRequest, reply: FastifyReply): Promise<{ item: Shared; token: string } | null> {
  const token = str((req.params as Record<string, unknown>).token).slice(0, 100);
  const o = await openShare(deps.db, token, { ip: req.ip, now: deps.now() });
  void reply.header('Cache-Control', 'no-store').header('Referrer-Policy', 'no-referrer').header('X-Robots-Tag', 'noindex');
  if (o.ok) return { item: o.item, token };
  const m = MESSAGES[o.error];
  if (o.error === 'locked') void reply.header('Retry-After', String(SHARE_POLICY.windowMinutes * 60));
  void sendPage(reply, <Closed m={m} />, m.status);
  return null;
}

export async function sharePages(app: App, deps: Deps) {
  app.get(`${SHARE_PATH}/:token`, page, async (req, reply) => {
    const o = await opened(deps, req, reply);
    return o ? sendPage(reply, <SharedPage i={o.item} token={o.token} />) : reply;
  });

  app.get(`${SHARE_PATH}/:token/tai-ve`, page, async (req, reply) => {
    const o = await opened(deps, req, reply);
    if (!o) return reply;
    return reply.type(o.item.content_type).header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(o.item.file_name)}`)
      .send(o.item.content);
  });
}
