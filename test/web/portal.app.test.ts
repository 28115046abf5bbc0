// Citizen portal, finding a procedure: home page, diacritic-insensitive search, the published procedure page
// (Nghị định 63/2010 Đ8), and the CSRF protection of every form post.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { Browser, textOf } from './portal-support.ts';

const t = await testApp();

test('home: a search box, the most used procedures and the lookup by dossier code, in Vietnamese', async () => {
  const b = new Browser(t);
  const home = await b.get('/');
  assert.equal(home.status, 200);
  assert.match(home.body, /^<!doctype html><html lang="vi">/);
  assert.match(home.body, /<form method="get" action="\/thu-tuc" role="search">/);
  assert.ok(home.body.includes('<h2>Thủ tục thường dùng</h2>'));
  assert.ok(home.body.includes('href="/thu-tuc/1.001193">Đăng ký khai sinh</a>'));
  assert.match(home.body, /<form method="post" action="\/tra-cuu" novalidate><input type="hidden" name="_csrf"/);
  assert.ok(home.body.includes('<label for="bon_so_cuoi">4 số cuối số định danh cá nhân của người nộp hồ sơ</label>'));
});

test('search without diacritics finds “Đăng ký kết hôn”', async () => {
  const b = new Browser(t);
  const r = await b.get('/thu-tuc?q=dang+ky+ket+hon');
  assert.equal(r.status, 200);
  const first = /<ul class="results"><li><a href="([^"]+)">([^<]+)<\/a>/.exec(r.body);
  assert.deepEqual([first?.[1], first?.[2]], ['/thu-tuc/1.000894', 'Đăng ký kết hôn'], 'the exact match ranks first');
  assert.match(textOf(r.body), /Tìm thấy \d+ thủ tục cho “dang ky ket hon”/);
  const none = await b.get('/thu-tuc?q=zzzzqqq');
  assert.ok(textOf(none.body).includes('Không tìm thấy thủ tục nào cho “zzzzqqq”'));
  const all = await b.get('/thu-tuc');
  assert.ok(all.body.includes('Đăng ký khai tử') && all.body.includes('Chứng thực chữ ký'));
});

test('a procedure page publishes the Decree 63/2010 Art. 8 items, the online level and the button', async () => {
  const b = new Browser(t);
  const r = await b.get('/thu-tuc/1.001193');
  assert.equal(r.status, 200);
  const text = textOf(r.body);
  for (const heading of [
    'Trình tự thực hiện', 'Cách thức thực hiện', 'Thành phần, số lượng hồ sơ', 'Thời hạn giải quyết', 'Đối tượng thực hiện',
    'Cơ quan thực hiện', 'Kết quả thực hiện', 'Phí, lệ phí', 'Mẫu đơn, tờ khai', 'Yêu cầu, điều kiện thực hiện', 'Căn cứ pháp lý',
  ]) assert.ok(r.body.includes(`<h2>${heading}</h2>`), heading);
  assert.ok(r.body.includes('<h1>Đăng ký khai sinh</h1>'));
  assert.ok(text.includes('Bước 1: Người yêu cầu nộp hồ sơ'), 'steps');
  assert.ok(text.includes('Giấy chứng sinh'), 'components');
  assert.ok(text.includes('01 bản'), 'number of copies');
  assert.ok(text.includes('Trong ngày (tiếp nhận sau 15 giờ'), 'time limit');
  assert.ok(text.includes('Cha, mẹ, ông, bà'), 'target persons');
  assert.ok(text.includes('Ủy ban nhân dân cấp xã'), 'agency');
  assert.ok(text.includes('Lệ phí đăng ký khai sinh'), 'fee');
  assert.ok(text.includes('Luật Hộ tịch 60/2014/QH13, Điều 16'), 'legal basis');
  assert.ok(text.includes('Dịch vụ công trực tuyến toàn trình'), 'online level');
  assert.ok(r.body.includes('<a class="button button--primary" href="/nop-ho-so/1.001193"'), 'file online button');

  const direct = await b.get('/thu-tuc/2.000884'); // chứng thực chữ ký: in person only
  assert.equal(direct.status, 200);
  assert.ok(textOf(direct.body).includes('Chưa cung cấp dịch vụ công trực tuyến'));
  assert.ok(!direct.body.includes('href="/nop-ho-so/'), 'no online button');
  assert.equal((await b.get('/nop-ho-so/2.000884')).status, 404);

  const marriage = await b.get('/thu-tuc/1.000894');
  assert.ok(textOf(marriage.body).includes('Dịch vụ công trực tuyến một phần'));
  assert.ok(textOf(marriage.body).includes('Trường hợp cần xác minh điều kiện kết hôn: 05 ngày làm việc'));

  const missing = await b.get('/thu-tuc/9.999999');
  assert.equal(missing.status, 404);
  assert.match(missing.body, /<h1>Không tìm thấy thủ tục.<\/h1>/);
});

test('CSRF: a form post without the token is refused with a 403 page', async () => {
  const b = new Browser(t);
  await b.get('/tra-cuu');
  const r = await b.post('/tra-cuu', { ma_ho_so: '000.DEMO.XD.H55-261207-0001', bon_so_cuoi: '4567' }, { csrf: false });
  assert.equal(r.status, 403);
  assert.match(r.body, /<h1>Phiên làm việc của biểu mẫu đã hết hạn/);
  const start = await b.post('/nop-ho-so/1.001193', {}, { csrf: false });
  assert.equal(start.status, 403);
  assert.equal(await t.db.selectFrom('drafts').select('id').executeTakeFirst(), undefined, 'no draft created');
  const wrong = await b.post('/tra-cuu', { _csrf: 'forged', ma_ho_so: 'x', bon_so_cuoi: '1234' }, { csrf: false });
  assert.equal(wrong.status, 403);
});
