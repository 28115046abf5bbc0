// Citizen pages of petitions and feedback (phản ánh, kiến nghị): /phan-anh (the form, then a confirmation with the
// reference), /phan-anh/cong-khai (the commune's published answers, each with like / dislike buttons: plain forms,
// no JavaScript; one reaction per browser). Rules and SQL in src/petitions/service.ts and store.ts.
import type { App, Deps } from '../../http/deps.ts';
import { IDEMPOTENCY_HEADER, idempotent } from '../../http/idempotency.ts';
import { Problem } from '../../http/problem.ts';
import { filePetition, react } from '../../petitions/service.ts';
import { publishedPetitions } from '../../petitions/store.ts';
import { voterHash } from '../../petitions/voter.ts';
import { limitWrite } from '../../dossiers/public.ts';
import { rateLimitedMessage } from '../../shared/rate-limits.ts';
import { Button, CsrfField, ErrorSummary, Panel, TextArea, TextField, errorFor, type FieldError } from '../components.tsx';
import { fmtDate } from '../../shared/format.ts';
import { Layout } from '../layout.tsx';
import { csrfToken, sendPage } from '../render.tsx';
import { KeyField, FORM_KEY } from '../staff/common.tsx';
import { PORTAL_COMMUNE_ID, bodyOf, isUuid, page, queryOf, str, titled } from './common.ts';

const TITLE = 'Gửi phản ánh, kiến nghị';
const PUBLIC_TITLE = 'Kết quả trả lời phản ánh, kiến nghị';
const FIELDS = ['noi_dung', 'ho_ten', 'lien_he', 'ma_ho_so', 'ma_thu_tuc', 'can_bo'] as const;
type Values = Partial<Record<(typeof FIELDS)[number], string>>;

function PetitionForm({ csrf, values, errors }: { csrf: string; values: Values; errors?: FieldError[] }) {
  return (
    <Layout title={titled(TITLE, errors)} back={{ href: '/', label: 'Trang chủ' }}>
      <ErrorSummary errors={errors ?? []} />
      <h1>{TITLE}</h1>
      <p>Phản ánh, kiến nghị về quy định, thủ tục hành chính, việc giải quyết hồ sơ hoặc thái độ, hành vi của cán bộ. Ủy ban nhân dân xã trả lời trong 15 ngày làm việc và công khai kết quả trả lời (không công khai họ tên, thông tin liên hệ của bạn).</p>
      <form method="post" action="/phan-anh" novalidate>
        <CsrfField token={csrf} />
        <KeyField />
        <TextArea name="noi_dung" label="Nội dung phản ánh, kiến nghị" hint="Nêu sự việc, thời gian, địa điểm. Không ghi số định danh cá nhân." value={values.noi_dung} error={errorFor(errors, 'noi_dung')} required />
        <TextField name="ho_ten" label="Họ và tên" value={values.ho_ten} error={errorFor(errors, 'ho_ten')} autocomplete="name" required />
        <TextField name="lien_he" label="Số điện thoại hoặc thư điện tử" hint="Để xã gửi câu trả lời cho bạn." value={values.lien_he} error={errorFor(errors, 'lien_he')} autocomplete="tel" />
        <TextField name="ma_ho_so" label="Mã hồ sơ" hint="Nếu phản ánh về một hồ sơ cụ thể." value={values.ma_ho_so} error={errorFor(errors, 'ma_ho_so')} />
        <TextField name="ma_thu_tuc" label="Mã thủ tục hành chính" value={values.ma_thu_tuc} error={errorFor(errors, 'ma_thu_tuc')} />
        <TextField name="can_bo" label="Cán bộ được phản ánh" hint="Họ tên hoặc chức vụ, nếu phản ánh về cán bộ." value={values.can_bo} error={errorFor(errors, 'can_bo')} />
        <Button>Gửi phản ánh, kiến nghị</Button>
      </form>
    </Layout>
  );
}

function validate(v: Values): FieldError[] {
  const e: FieldError[] = [];
  const len = (s: string | undefined) => (s ?? '').length;
  if (len(v.noi_dung) < 10) e.push({ field: 'noi_dung', message: 'Nhập nội dung phản ánh, kiến nghị (ít nhất 10 ký tự)' });
  else if (len(v.noi_dung) > 4000) e.push({ field: 'noi_dung', message: 'Nội dung không được dài quá 4000 ký tự' });
  if (!v.ho_ten) e.push({ field: 'ho_ten', message: 'Nhập họ và tên của bạn' });
  else if (len(v.ho_ten) > 200) e.push({ field: 'ho_ten', message: 'Họ và tên không được dài quá 200 ký tự' });
  if (v.lien_he && !/^(\+?[0-9 .-]{9,15}|[^\s@]+@[^\s@]+\.[^\s@]+)$/.test(v.lien_he)) e.push({ field: 'lien_he', message: 'Nhập số điện thoại (ví dụ 0912 345 678) hoặc địa chỉ thư điện tử' });
  if (v.ma_ho_so && !/^[0-9A-Za-z.-]{5,60}$/.test(v.ma_ho_so)) e.push({ field: 'ma_ho_so', message: 'Mã hồ sơ chỉ gồm chữ, số, dấu chấm và gạch ngang' });
  for (const f of ['ma_thu_tuc', 'can_bo'] as const) if (len(v[f]) > 200) e.push({ field: f, message: 'Quá dài (tối đa 200 ký tự)' });
  return e;
}

const REACTED = { ok: 'Cảm ơn bạn đã cho biết ý kiến về câu trả lời.', again: 'Bạn đã cho biết ý kiến về câu trả lời này rồi.' } as const;

export async function petitionPages(app: App, deps: Deps) {
  app.get('/phan-anh', page, async (_req, reply) => sendPage(reply, <PetitionForm csrf={csrfToken(reply)} values={{}} />));

  app.post('/phan-anh', page, async (req, reply) => {
    const body = bodyOf(req);
    const v: Values = Object.fromEntries(FIELDS.map((f) => [f, str(body[f]).trim()]));
    const errors = validate(v);
    if (errors.length) return sendPage(reply, <PetitionForm csrf={csrfToken(reply)} values={v} errors={errors} />, 400);
    const key = str(body[FORM_KEY]);
    if (!/^f-[0-9a-f-]{36}$/.test(key)) throw new Problem(400, 'FORM_KEY_MISSING', 'Biểu mẫu không hợp lệ. Vui lòng tải lại trang và gửi lại.');
    // Limited by address and by commune, as the API (shared/rate-limits.ts): past either, the form comes back filled
    // in, with when to send it again (429, Retry-After).
    const limit = await limitWrite(deps.db, 'petition', req.ip, PORTAL_COMMUNE_ID, deps.now());
    if (!limit.ok) {
      void reply.header('Retry-After', String(limit.retryAfterSeconds));
      const busy = [{ field: 'noi_dung', message: rateLimitedMessage(limit.retryAfterSeconds) }];
      return sendPage(reply, <PetitionForm csrf={csrfToken(reply)} values={v} errors={busy} />, 429);
    }
    req.headers[IDEMPOTENCY_HEADER] = key; // a double submit shows the same reference instead of filing twice
    const r = await idempotent(deps.db, req, reply, 'public-form', async (trx) => ({
      status: 200,
      body: await filePetition(trx, PORTAL_COMMUNE_ID, {
        content: v.noi_dung!, name: v.ho_ten!, contact: v.lien_he, dossierCode: v.ma_ho_so?.toUpperCase(), procedureCode: v.ma_thu_tuc,
        aboutStaff: v.can_bo, channel: 'portal',
      }, deps.now()),
    }), v);
    return sendPage(reply, (
      <Layout title="Đã gửi phản ánh, kiến nghị">
        <Panel title="Đã gửi phản ánh, kiến nghị">{`Mã phản ánh của bạn: ${r.reference}`}</Panel>
        <p>Hãy ghi lại mã này. Ủy ban nhân dân xã sẽ trả lời trong 15 ngày làm việc và công khai kết quả trả lời trong 2 ngày làm việc sau đó.</p>
        <p><a href="/phan-anh/cong-khai">Xem các câu trả lời đã công khai</a> · <a href="/">Về trang chủ</a></p>
      </Layout>
    ));
  });

  app.get('/phan-anh/cong-khai', page, async (req, reply) => {
    const items = await publishedPetitions(deps.db, PORTAL_COMMUNE_ID);
    const done = str(queryOf(req).ok);
    const csrf = csrfToken(reply);
    return sendPage(reply, (
      <Layout title={PUBLIC_TITLE} back={{ href: '/', label: 'Trang chủ' }}>
        <h1>{PUBLIC_TITLE}</h1>
        {(done === 'ok' || done === 'again') && <div class="notice" role="status"><p>{REACTED[done]}</p></div>}
        <p><a href="/phan-anh">Gửi phản ánh, kiến nghị</a></p>
        {!items.length && <p>Chưa có câu trả lời nào được công khai.</p>}
        {items.map((p) => (
          <section class="petition" aria-labelledby={`pakn-${p.id}`}>
            <h2 id={`pakn-${p.id}`}>{p.reference}</h2>
            <p class="hint">Nhận ngày {fmtDate(p.received_at)} · công khai ngày {fmtDate(p.published_at)}</p>
            <h3>Nội dung</h3>
            <p>{p.content}</p>
            <h3>Trả lời</h3>
            <p>{p.answer}</p>
            <form method="post" action={`/phan-anh/cong-khai/${p.id}`} class="inline-form">
              <CsrfField token={csrf} />
              <p>Bạn thấy câu trả lời này thế nào?</p>
              <Button name="y_kien" value="like" variant="secondary">{`Hài lòng (${p.likes})`}</Button>{' '}
              <Button name="y_kien" value="dislike" variant="secondary">{`Chưa hài lòng (${p.dislikes})`}</Button>
            </form>
          </section>
        ))}
      </Layout>
    ));
  });

  app.post('/phan-anh/cong-khai/:id', page, async (req, reply) => {
    const id = (req.params as { id: string }).id;
    const reaction = str(bodyOf(req).y_kien);
    if (!isUuid(id) || (reaction !== 'like' && reaction !== 'dislike')) throw new Problem(400, 'BAD_REACTION', 'Ý kiến không hợp lệ.');
    const r = await react(deps.db, PORTAL_COMMUNE_ID, id, voterHash(req, reply), reaction, deps.now());
    return reply.redirect(`/phan-anh/cong-khai?ok=${r}#pakn-${id}`, 303);
  });
}
