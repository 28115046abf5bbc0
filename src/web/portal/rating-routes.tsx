// /danh-gia: the citizen's satisfaction rating of a dossier with a result (states 9, 10), one per dossier,
// changeable for EDIT_WINDOW_DAYS (src/ratings). Reached from the status page (second factor already proven) or
// from the link on the confirmation page and the receipt, /danh-gia?ma=<code>, which asks for the second factor.
import type { App, Deps } from '../../http/deps.ts';
import { limitWrite, type PublicDossier } from '../../dossiers/public.ts';
import { rateLimitedMessage } from '../../shared/rate-limits.ts';
import { EDIT_WINDOW_DAYS, OVERALL_LABEL, RATABLE_STATES } from '../../ratings/core/criteria.ts';
import { ratingOf, saveRating, type StoredRating } from '../../ratings/service.ts';
import { ErrorSummary, Panel, type FieldError } from '../components.tsx';
import { fmtDateTime } from '../../shared/format.ts';
import { Layout } from '../layout.tsx';
import { csrfToken, sendPage } from '../render.tsx';
import { bodyOf, page, queryOf, str, titled } from './common.ts';
import { lookup, provenDossier } from './lookup.ts';
import { addProof } from './proof.ts';
import { LookupPage } from './status-view.tsx';
import { NO_ANSWERS, RatingForm, readRating, type RatingValues } from './rating-form.tsx';

const TITLE = 'Đánh giá mức độ hài lòng';
const INTRO = 'Nhập mã hồ sơ và 4 số cuối số định danh cá nhân của người nộp hồ sơ để đánh giá việc giải quyết hồ sơ. Việc đánh giá mất khoảng 30 giây.';

function RatingPage({ d, csrf, values, errors, existing }: { d: PublicDossier; csrf: string; values: RatingValues; errors?: FieldError[]; existing: StoredRating | null }) {
  return (
    <Layout title={titled(TITLE, errors)} back={{ href: `/tra-cuu/ho-so/${d.id}`, label: 'Tình trạng hồ sơ' }}>
      <ErrorSummary errors={errors ?? []} />
      <h1>{TITLE}</h1>
      <p>Hồ sơ: {d.procedureName}{d.code ? `, mã ${d.code}` : ''}.</p>
      {existing && (
        <div class="notice">
          <p>Bạn đã đánh giá hồ sơ này lúc {fmtDateTime(existing.createdAt)}. Bạn có thể sửa đánh giá đến {fmtDateTime(existing.editableUntil)}.</p>
        </div>
      )}
      <RatingForm audience="portal" channel={d.channel} action={`/danh-gia/${d.id}`} csrf={csrf} values={values} errors={errors} />
    </Layout>
  );
}

function Message({ d, title, children }: { d: PublicDossier; title: string; children: string }) {
  return (
    <Layout title={title} back={{ href: `/tra-cuu/ho-so/${d.id}`, label: 'Tình trạng hồ sơ' }}>
      <h1>{title}</h1>
      <p>{children}</p>
      <p><a href={`/tra-cuu/ho-so/${d.id}`}>Xem tình trạng hồ sơ</a> · <a href="/">Về trang chủ</a></p>
    </Layout>
  );
}

const NOT_YET = 'Bạn có thể đánh giá khi hồ sơ đã có kết quả giải quyết. Hãy quay lại trang này sau khi nhận kết quả.';
const LOCKED = (r: StoredRating) => `Bạn đã đánh giá hồ sơ này lúc ${fmtDateTime(r.createdAt)} (${OVERALL_LABEL[r.overall].toLowerCase()}). Đánh giá chỉ sửa được trong ${EDIT_WINDOW_DAYS} ngày nên không thể sửa nữa. Cảm ơn bạn!`;

export async function ratingRoutes(app: App, deps: Deps) {
  app.get('/danh-gia', page, async (req, reply) =>
    sendPage(reply, <LookupPage title={TITLE} intro={INTRO} action="/danh-gia" code={str(queryOf(req).ma).slice(0, 60)} csrf={csrfToken(reply)} />),
  );

  app.post('/danh-gia', page, async (req, reply) => {
    const r = await lookup(deps.db, bodyOf(req), deps.now());
    if (!r.ok) return sendPage(reply, <LookupPage title={TITLE} intro={INTRO} action="/danh-gia" code={r.code} csrf={csrfToken(reply)} errors={r.errors} />, r.status);
    addProof(req, reply, r.dossier.id);
    return reply.redirect(`/danh-gia/${r.dossier.id}`, 303);
  });

  app.get('/danh-gia/:id', page, async (req, reply) => {
    const d = await provenDossier(deps.db, req, reply, '/danh-gia');
    if (!d) return reply;
    if (!RATABLE_STATES.includes(d.state)) return sendPage(reply, <Message d={d} title="Chưa thể đánh giá">{NOT_YET}</Message>);
    const existing = await ratingOf(deps.db, d.id);
    if (existing && existing.editableUntil <= deps.now()) return sendPage(reply, <Message d={d} title="Bạn đã đánh giá hồ sơ này">{LOCKED(existing)}</Message>);
    const values: RatingValues = existing
      ? { overall: existing.overall, criteria: existing.criteria, comment: existing.comment ?? '' }
      : NO_ANSWERS;
    return sendPage(reply, <RatingPage d={d} csrf={csrfToken(reply)} values={values} existing={existing} />);
  });

  app.post('/danh-gia/:id', page, async (req, reply) => {
    const d = await provenDossier(deps.db, req, reply, '/danh-gia');
    if (!d) return reply;
    const body = bodyOf(req);
    const { values, errors, rating } = readRating(body, 'portal', d.channel);
    const existing = await ratingOf(deps.db, d.id);
    if (!rating) return sendPage(reply, <RatingPage d={d} csrf={csrfToken(reply)} values={values} errors={errors} existing={existing} />, 400);
    // Limited by address and by dossier (shared/rate-limits.ts): past either, the form comes back filled in.
    const limit = await limitWrite(deps.db, 'rating', req.ip, d.id, deps.now());
    if (!limit.ok) {
      void reply.header('Retry-After', String(limit.retryAfterSeconds));
      const busy = [{ field: 'muc_do', message: rateLimitedMessage(limit.retryAfterSeconds) }];
      return sendPage(reply, <RatingPage d={d} csrf={csrfToken(reply)} values={values} errors={busy} existing={existing} />, 429);
    }
    const saved = await saveRating(deps.db, d.id, rating, deps.now());
    if (!saved.ok) {
      if (saved.reason === 'locked' && existing) return sendPage(reply, <Message d={d} title="Bạn đã đánh giá hồ sơ này">{LOCKED(existing)}</Message>, 409);
      return sendPage(reply, <Message d={d} title="Chưa thể đánh giá">{NOT_YET}</Message>, 409);
    }
    return sendPage(reply, (
      <Layout title="Đã gửi đánh giá">
        <Panel title="Cảm ơn bạn đã đánh giá">
          {saved.created ? 'Đánh giá của bạn đã được ghi nhận.' : 'Đánh giá của bạn đã được cập nhật.'}
        </Panel>
        <p>Ý kiến của bạn giúp Ủy ban nhân dân xã cải thiện chất lượng phục vụ. Bạn có thể sửa đánh giá trong {EDIT_WINDOW_DAYS} ngày kể từ lần đánh giá đầu tiên.</p>
        <p><a href={`/tra-cuu/ho-so/${d.id}`}>Xem tình trạng hồ sơ</a> · <a href="/">Về trang chủ</a></p>
      </Layout>
    ));
  });
}
