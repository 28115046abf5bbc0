// Finding a procedure: the home page (search, the most used procedures, lookup by dossier code, drafts to
// resume), search results (diacritic-insensitive, catalogue/store.ts searchProcedures) and the procedure page.
import type { App, Deps } from '../../http/deps.ts';
import { notFound } from '../../http/problem.ts';
import { onlineVersions, procedureAt, searchProcedures, type SearchHit } from '../../catalogue/store.ts';
import { mostFiled } from '../../dossiers/public-store.ts';
import { TtlCache } from '../../shared/ttl-cache.ts';
import { Button, CsrfField } from '../components.tsx';
import { fmtDateTime } from '../../shared/format.ts';
import { Layout } from '../layout.tsx';
import { csrfToken, sendPage } from '../render.tsx';
import { PORTAL_COMMUNE_ID, page, queryOf, str } from './common.ts';
import { draftOwner, openDrafts } from './drafts.ts';
import { ProcedurePage, offeredOnline } from './procedure-view.tsx';
import { LookupFields } from './status-view.tsx';
import { notOfferedCodes } from '../../province/choices-store.ts';

/** Shown until the commune has a year of dossiers: birth, marriage, death, marital status, extract copy, certified copy. */
const DEFAULT_POPULAR = ['1.001193', '1.000894', '1.000656', '1.004873', '2.000635', '2.000815'];
const POPULAR_COUNT = 6;
const popularCache = new TtlCache<string[]>(10 * 60_000);

interface Listed { code: string; name: string; fieldName?: string; online: boolean }

/** The procedures most filed in this commune over the last year, topped up with the usual civil-status ones. */
async function popular(deps: Deps, now: Date): Promise<Listed[]> {
  const codes = await popularCache.get(PORTAL_COMMUNE_ID, async () => {
    const filed = await mostFiled(deps.db, PORTAL_COMMUNE_ID, new Date(now.getTime() - 365 * 86_400_000), POPULAR_COUNT);
    return [...new Set([...filed, ...DEFAULT_POPULAR])];
  });
  const out: Listed[] = [];
  const notOffered = await notOfferedCodes(deps.db, PORTAL_COMMUNE_ID);
  for (const code of codes.filter((c) => !notOffered.has(c))) {
    if (out.length >= POPULAR_COUNT) break;
    const p = await procedureAt(deps.db, code, now);
    if (p) out.push({ code, name: p.name, online: offeredOnline(p) });
  }
  return out;
}

async function withOnline(deps: Deps, hits: SearchHit[]): Promise<Listed[]> {
  if (!hits.length) return [];
  const online = await onlineVersions(deps.db, hits);
  return hits.map((h) => ({ code: h.code, name: h.name, fieldName: h.fieldName, online: online.has(`${h.code}#${h.version}`) }));
}

function SearchForm({ q, label }: { q: string; label: string }) {
  return (
    <form method="get" action="/thu-tuc" role="search">
      <label for="q">{label}</label>
      <p class="hint" id="q-hint">Gõ có dấu hoặc không dấu, ví dụ: đăng ký khai sinh, dang ky ket hon</p>
      <div class="search">
        <input id="q" name="q" type="search" value={q} aria-describedby="q-hint" />
        <button type="submit" class="button button--primary">Tìm kiếm</button>
      </div>
    </form>
  );
}

function ProcedureList({ items, showField }: { items: Listed[]; showField?: boolean }) {
  return (
    <ul class="results">
      {items.map((p) => (
        <li>
          <a href={`/thu-tuc/${encodeURIComponent(p.code)}`}>{p.name}</a>
          <br />
          <span class="muted">
            {showField && p.fieldName ? `${p.fieldName} · ` : ''}
            {p.online ? 'Nộp trực tuyến được' : 'Nộp trực tiếp hoặc qua bưu chính'}
          </span>
        </li>
      ))}
    </ul>
  );
}

export async function cataloguePages(app: App, deps: Deps) {
  app.get('/', page, async (req, reply) => {
    const now = deps.now();
    const [items, drafts] = await Promise.all([popular(deps, now), openDrafts(deps.db, draftOwner(req), now)]);
    const names = await Promise.all(drafts.map(async (d) => (await procedureAt(deps.db, d.procedure_code, now))?.name ?? d.procedure_code));
    return sendPage(reply, (
      <Layout title="Trang chủ">
        <h1>Dịch vụ công xã Xuân Dương</h1>
        <p class="lead">Tìm hiểu thủ tục hành chính, nộp hồ sơ trực tuyến và theo dõi hồ sơ của bạn.</p>
        <SearchForm q="" label="Tìm thủ tục hành chính" />
        {drafts.length > 0 && (
          <>
            <h2>Hồ sơ bạn đang soạn dở</h2>
            <ul class="results">
              {drafts.map((d, i) => (
                <li><a href={`/nop-ho-so/${d.id}`}>Tiếp tục: {names[i]}</a><br /><span class="muted">Lưu lúc {fmtDateTime(d.updated_at)}</span></li>
              ))}
            </ul>
          </>
        )}
        <h2>Thủ tục thường dùng</h2>
        <ProcedureList items={items} />
        <p><a href="/thu-tuc">Xem tất cả thủ tục</a></p>
        <h2>Tra cứu hồ sơ</h2>
        <form method="post" action="/tra-cuu" novalidate>
          <CsrfField token={csrfToken(reply)} />
          <LookupFields code="" />
          <Button>Tra cứu</Button>
        </form>
        <h2>Công khai kết quả phục vụ</h2>
        <p><a href="/cong-khai">Tỷ lệ hồ sơ đúng hạn, trực tuyến, thanh toán trực tuyến, số hóa và mức độ hài lòng của người dân</a>, cập nhật tự động từ hồ sơ.</p>
        <p><a href="/phan-anh">Gửi phản ánh, kiến nghị</a> · <a href="/phan-anh/cong-khai">Kết quả trả lời phản ánh, kiến nghị</a></p>
      </Layout>
    ));
  });

  app.get('/thu-tuc', page, async (req, reply) => {
    const q = str(queryOf(req).q).trim().slice(0, 200);
    const [found, notOffered] = await Promise.all([
      searchProcedures(deps.db, { q: q || undefined, at: deps.now(), limit: q ? 30 : 200 }), notOfferedCodes(deps.db, PORTAL_COMMUNE_ID),
    ]);
    const items = await withOnline(deps, found.filter((h) => !notOffered.has(h.code))); // the commune's choices (migration 046)
    return sendPage(reply, (
      <Layout title={q ? `Kết quả tìm “${q}”` : 'Thủ tục hành chính'}>
        <h1>Thủ tục hành chính</h1>
        <SearchForm q={q} label="Tìm thủ tục hành chính" />
        {q && (
          <p role="status">
            {items.length ? `Tìm thấy ${items.length} thủ tục cho “${q}”.` : `Không tìm thấy thủ tục nào cho “${q}”. Hãy thử từ khóa ngắn hơn, ví dụ “khai sinh”.`}
          </p>
        )}
        {!q && <p>Tất cả {items.length} thủ tục công khai tại xã; thủ tục do cơ quan khác giải quyết (như đăng ký cư trú) có hướng dẫn nơi nộp hồ sơ.</p>}
        <ProcedureList items={items} showField />
      </Layout>
    ));
  });

  app.get('/thu-tuc/:code', page, async (req, reply) => {
    const code = str((req.params as Record<string, unknown>).code);
    const p = /^[0-9A-Z.]{3,42}$/.test(code) ? await procedureAt(deps.db, code, deps.now()) : undefined;
    if (!p) throw notFound('thủ tục');
    return sendPage(reply, <ProcedurePage p={p} />);
  });
}

