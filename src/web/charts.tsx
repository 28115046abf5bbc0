// Charts drawn on the server as SVG, so that they work without JavaScript and print: horizontal bars (a rate per
// item, with its target) and a monthly line. Each chart is an image with a title and a text description for screen
// readers, followed by the same figures as a table (WCAG 1.1.1: the table is the text alternative).
import type { Children } from './render.tsx';

const pct = (x: number) => `${(Math.round(x * 1000) / 10).toLocaleString('vi-VN')} %`;
const COLOURS = { bar: '#1d70b8', met: '#00703c', target: '#d4351c', grid: '#b1b4b6', text: '#0b0c0c' } as const;

export interface Bar {
  label: string;
  /** 0–1, or null when there is nothing to measure (shown as "Chưa có dữ liệu"). */
  value: number | null;
  /** 0–1: a mark on the bar; the bar is green when the value reaches it. */
  target?: number;
}

let seq = 0;
const nextId = (prefix: string) => `${prefix}-${++seq}`;

function FigureWithTable({ id, title, description, svg, head, rows }: {
  id: string; title: string; description: string; svg: Children; head: string[]; rows: string[][];
}) {
  return (
    <figure class="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{title}</figcaption>
      {svg}
      <details>
        <summary>Xem số liệu dạng bảng<span class="visually-hidden">: {title}</span></summary>
        <table>
          <thead><tr>{head.map((h) => <th scope="col">{h}</th>)}</tr></thead>
          <tbody>{rows.map((r) => <tr>{r.map((c, i) => (i === 0 ? <th scope="row">{c}</th> : <td>{c}</td>))}</tr>)}</tbody>
        </table>
      </details>
      <p class="visually-hidden" id={`${id}-desc`}>{description}</p>
    </figure>
  );
}

/** Horizontal bars, one per item, 0–100 %, with the target marked; the label sits above its bar so that the chart
 *  reads at 360 px (drawn 1:1 on a phone, scaled up on a desktop). */
export function BarChart({ title, bars }: { title: string; bars: Bar[] }) {
  const id = nextId('bar');
  const rowH = 46;
  const width = 360;
  const left = 4;
  const plotW = width - left - 56;
  const height = bars.length * rowH + 22;
  const description = bars.map((b) => `${b.label}: ${b.value === null ? 'chưa có dữ liệu' : pct(b.value)}${b.target !== undefined ? `, mục tiêu ${pct(b.target)}` : ''}`).join('; ');
  const svg = (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} preserveAspectRatio="xMinYMin meet">
      <title id={`${id}-title`}>{title}</title>
      {[0, 0.5, 1].map((g) => (
        <g>
          <line x1={left + g * plotW} x2={left + g * plotW} y1={0} y2={height - 18} stroke={COLOURS.grid} stroke-width={1} />
          <text x={left + g * plotW} y={height - 5} font-size={11} text-anchor={g === 0 ? 'start' : g === 1 ? 'end' : 'middle'} fill={COLOURS.text}>{pct(g)}</text>
        </g>
      ))}
      {bars.map((b, i) => {
        const y = i * rowH;
        const met = b.value !== null && b.target !== undefined && b.value >= b.target;
        return (
          <g>
            <text x={left} y={y + 14} font-size={13} fill={COLOURS.text}>{b.label.length > 52 ? `${b.label.slice(0, 51)}…` : b.label}</text>
            {b.value === null
              ? <text x={left} y={y + 34} font-size={12} fill={COLOURS.text}>Chưa có dữ liệu</text>
              : <rect x={left} y={y + 20} width={Math.max(1, Math.min(1, b.value) * plotW)} height={16} fill={met ? COLOURS.met : COLOURS.bar} />}
            {b.value !== null && <text x={left + Math.min(1, b.value) * plotW + 4} y={y + 33} font-size={12} fill={COLOURS.text}>{pct(b.value)}</text>}
            {b.target !== undefined && <line x1={left + b.target * plotW} x2={left + b.target * plotW} y1={y + 17} y2={y + 39} stroke={COLOURS.target} stroke-width={3} />}
          </g>
        );
      })}
    </svg>
  );
  return (
    <FigureWithTable id={id} title={title} description={description} svg={svg} head={['Chỉ tiêu', 'Kết quả', 'Mục tiêu']}
      rows={bars.map((b) => [b.label, b.value === null ? 'Chưa có dữ liệu' : pct(b.value), b.target === undefined ? '—' : pct(b.target)])} />
  );
}

export interface Point {
  /** Label of the month, e.g. '11/2026'. */
  label: string;
  value: number | null;
}

/** A monthly line, 0–100 %, with an optional target line. */
export function LineChart({ title, points, target }: { title: string; points: Point[]; target?: number }) {
  const id = nextId('line');
  const width = 360;
  const height = 200;
  const left = 44;
  const bottom = 28;
  const plotW = width - left - 16;
  const plotH = height - bottom - 12;
  const x = (i: number) => left + (points.length <= 1 ? plotW / 2 : (i * plotW) / (points.length - 1));
  const y = (v: number) => 12 + plotH * (1 - Math.min(1, Math.max(0, v)));
  const path = points
    .map((p, i) => (p.value === null ? null : `${x(i).toFixed(1)},${y(p.value).toFixed(1)}`))
    .filter((s): s is string => s !== null);
  const description = points.map((p) => `${p.label}: ${p.value === null ? 'chưa có dữ liệu' : pct(p.value)}`).join('; ');
  const svg = (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} preserveAspectRatio="xMinYMin meet">
      <title id={`${id}-title`}>{title}</title>
      {[0, 0.5, 1].map((g) => (
        <g>
          <line x1={left} x2={width - 16} y1={y(g)} y2={y(g)} stroke={COLOURS.grid} stroke-width={1} />
          <text x={left - 6} y={y(g) + 4} font-size={12} text-anchor="end" fill={COLOURS.text}>{pct(g)}</text>
        </g>
      ))}
      {target !== undefined && <line x1={left} x2={width - 16} y1={y(target)} y2={y(target)} stroke={COLOURS.target} stroke-width={2} stroke-dasharray="6 4" />}
      {path.length > 1 && <polyline points={path.join(' ')} fill="none" stroke={COLOURS.bar} stroke-width={3} />}
      {points.map((p, i) => (
        <g>
          {p.value !== null && <circle cx={x(i)} cy={y(p.value)} r={4} fill={COLOURS.bar} />}
          {(points.length <= 6 || i % 2 === 0 || i === points.length - 1) && (
            <text x={x(i)} y={height - 8} font-size={10} text-anchor="middle" fill={COLOURS.text}>{p.label.replace(/\/\d{4}$/, '')}</text>
          )}
        </g>
      ))}
    </svg>
  );
  return (
    <FigureWithTable id={id} title={title} description={description} svg={svg} head={['Tháng', 'Kết quả']}
      rows={points.map((p) => [p.label, p.value === null ? 'Chưa có dữ liệu' : pct(p.value)])} />
  );
}
