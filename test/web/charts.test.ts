// Server-drawn SVG charts: an accessible image (title, description) and the same figures as a table.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { BarChart, LineChart } from '../../src/web/charts.tsx';

describe('charts', () => {
  it('bars: one per item, the target marked, green when met, "Chưa có dữ liệu" for no data, a table of the figures', () => {
    const html = renderToString(h(BarChart, {
      title: 'Chỉ tiêu kế hoạch 2030',
      bars: [{ label: 'Thanh toán trực tuyến', value: 0.62, target: 0.8 }, { label: 'Tái sử dụng dữ liệu', value: 0.85, target: 0.8 }, { label: 'Xác thực VNeID', value: null, target: 0.9 }],
    }));
    assert.match(html, /<svg [^>]*role="img"[^>]*aria-labelledby="bar-\d+-title"/);
    assert.match(html, /<title id="bar-\d+-title">Chỉ tiêu kế hoạch 2030<\/title>/);
    assert.equal((html.match(/<rect /g) ?? []).length, 2, 'no bar for "no data"');
    assert.match(html, /fill="#00703c"/, 'met: green');
    assert.match(html, /Chưa có dữ liệu/);
    assert.match(html, /<th scope="row">Thanh toán trực tuyến<\/th><td>62 %<\/td><td>80 %<\/td>/);
    assert.match(html, /Thanh toán trực tuyến: 62 %, mục tiêu 80 %/, 'text description');
  });
  it('line: a point per month with data, the target dashed', () => {
    const html = renderToString(h(LineChart, {
      title: 'Tỷ lệ hồ sơ đúng hạn', target: 0.95,
      points: [{ label: '10/2026', value: 0.9 }, { label: '11/2026', value: null }, { label: '12/2026', value: 0.975 }],
    }));
    assert.equal((html.match(/<circle /g) ?? []).length, 2);
    assert.match(html, /stroke-dasharray="6 4"/);
    assert.match(html, /<th scope="row">12\/2026<\/th><td>97,5 %<\/td>/);
  });
});
