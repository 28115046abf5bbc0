// /danh-gia/quay: the evaluation at the counter (đánh giá tại quầy). A receiving officer, logged in on the counter's
// tablet, picks the dossier just returned; the tablet then shows the citizen the rating form with only the
// procedure's name and the dossier code (no personal data), saves it with channel 'kiosk', once, and shows a
// "Cảm ơn" screen that goes back to the officer's list by itself. The citizen's portal rating is /danh-gia.
import type { FastifyReply } from 'fastify';
import type { App, Deps } from '../../http/deps.ts';
import { KIOSK_RECENT_DAYS, kioskDossier, recentlyReturned, type KioskDossier } from '../../ratings/kiosk-store.ts';
import { saveRating } from '../../ratings/service.ts';
import { ErrorSummary, Panel, type FieldError } from '../components.tsx';
import { Layout } from '../layout.tsx';
import { staffOrLogin } from '../staff/guard.ts';
import type { VNode } from 'preact';
import { csrfToken, sendPage } from '../render.tsx';
import { bodyOf, isUuid, page, queryOf, str, titled } from './common.ts';
import { NO_ANSWERS, RatingForm, readRating, type RatingValues } from './rating-form.tsx';

const TITLE = 'Đánh giá mức độ hài lòng tại quầy';
/** Seconds the thank-you screen stays before the tablet goes back to the start. */
const THANKS_SECONDS = 10;

const label = (d: KioskDossier) => `${d.procedureName} (mã thủ tục ${d.procedureCode})${d.code ? `, hồ sơ ${d.code}` : ''}`;

function Chooser({ dossiers }: { dossiers: KioskDossier[] }) {
  return (
    <Layout title={TITLE} back={{ href: '/can-bo', label: 'Không gian làm việc' }}>
      <h1>{TITLE}</h1>
      <p>Chọn hồ sơ vừa trả kết quả để mời người dân đánh giá trên máy tính bảng này. Danh sách gồm các hồ sơ bạn đã trả kết quả trong {KIOSK_RECENT_DAYS} ngày qua và chưa được đánh giá.</p>
      {dossiers.length === 0 ? <p>Không có hồ sơ nào chờ đánh giá.</p> : (
        <ul class="list">
          {dossiers.map((d) => <li><a href={`/danh-gia/quay?ho_so=${d.id}`}>{label(d)}</a></li>)}
        </ul>
      )}
    </Layout>
  );
}

function KioskForm({ d, csrf, values, errors }: { d: KioskDossier; csrf: string; values: RatingValues; errors?: FieldError[] }) {
  return (
    <Layout title={titled(TITLE, errors)}>
      <ErrorSummary errors={errors ?? []} />
      <h1>Mời ông/bà đánh giá việc giải quyết hồ sơ</h1>
      <p>Hồ sơ: {label(d)}.</p>
      <RatingForm audience="counter" channel={d.channel} action="/danh-gia/quay" csrf={csrf} values={values} errors={errors}>
        <input type="hidden" name="ho_so" value={d.id} />
      </RatingForm>
    </Layout>
  );
}

function Done({ title, children }: { title: string; children: string }) {
  return (
    <Layout title={title}>
      <Panel title={title}>{children}</Panel>
      <p>Màn hình sẽ tự trở về sau {THANKS_SECONDS} giây. <a href="/danh-gia/quay">Trở về ngay</a></p>
    </Layout>
  );
}

/**
 * The tablet clears itself: back to the start (the officer's list) after THANKS_SECONDS, without script, by the
 * HTTP Refresh header (what a meta refresh does; the page says so and offers the link at once).
 */
function done(reply: FastifyReply, page: VNode, status = 200) {
  reply.header('Refresh', `${THANKS_SECONDS};url=/danh-gia/quay`);
  return sendPage(reply, page, status);
}

const ALREADY = 'Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ được đánh giá tại quầy một lần.';

export async function kioskPages(app: App, deps: Deps) {
  app.get('/danh-gia/quay', page, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    const id = str(queryOf(req).ho_so);
    if (!id) return sendPage(reply, <Chooser dossiers={await recentlyReturned(deps.db, p.communeId, p.id, deps.now())} />);
    const d = isUuid(id) ? await kioskDossier(deps.db, p.communeId, id) : null;
    if (!d) return reply.redirect('/danh-gia/quay', 303);
    if (d.rated) return done(reply, <Done title="Đã đánh giá">{ALREADY}</Done>, 409);
    return sendPage(reply, <KioskForm d={d} csrf={csrfToken(reply)} values={NO_ANSWERS} />);
  });

  app.post('/danh-gia/quay', page, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    const body = bodyOf(req);
    const id = str(body.ho_so);
    const d = isUuid(id) ? await kioskDossier(deps.db, p.communeId, id) : null;
    if (!d) return reply.redirect('/danh-gia/quay', 303);
    if (d.rated) return done(reply, <Done title="Đã đánh giá">{ALREADY}</Done>, 409);
    const { values, errors, rating } = readRating(body, 'counter', d.channel);
    if (!rating) return sendPage(reply, <KioskForm d={d} csrf={csrfToken(reply)} values={values} errors={errors} />, 400);
    const saved = await saveRating(deps.db, d.id, rating, deps.now(), 'kiosk');
    if (!saved.ok || !saved.created) return done(reply, <Done title="Đã đánh giá">{ALREADY}</Done>, 409);
    return done(reply, <Done title="Cảm ơn ông/bà đã đánh giá">Ý kiến của ông/bà giúp Ủy ban nhân dân xã phục vụ tốt hơn.</Done>);
  });
}
