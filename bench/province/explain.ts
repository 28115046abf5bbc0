// The SQL behind each view, as the server sends it, and its plans: a second server process with bench/capture-hook.ts
// loaded appends every statement (backend pid, text, parameters) to a file; each view is requested once (a fresh
// process: the province cache is cold) and its window of the file is its statements. Each distinct SELECT is then run
// once more under EXPLAIN (ANALYZE, BUFFERS) with the parameters it was first sent with, as the server's role.
import fs from 'node:fs';
import pg from 'pg';
import type { Pool as HttpPool } from 'undici';
import { get } from './http.ts';

interface Logged { pid: number; text: string; values: (string | null)[] }

export interface ViewSql { view: string; statements: number; distinct: { text: string; count: number; values: (string | null)[] }[] }

/** Requests each view once and returns the statements its request sent. */
export async function captureViews(http: HttpPool, file: string, views: { name: string; url: string; cookie?: string }[]): Promise<ViewSql[]> {
  const out: ViewSql[] = [];
  for (const v of views) {
    await new Promise((r) => setTimeout(r, 300)); // let the previous request's trailing writes land
    const from = fs.existsSync(file) ? fs.statSync(file).size : 0;
    await get(http, v.url, v.cookie);
    await new Promise((r) => setTimeout(r, 300));
    const lines = fs.readFileSync(file).subarray(from).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Logged);
    const by = new Map<string, { text: string; count: number; values: (string | null)[] }>();
    for (const l of lines) {
      const hit = by.get(l.text);
      if (hit) hit.count++;
      else by.set(l.text, { text: l.text, count: 1, values: l.values });
    }
    out.push({ view: v.name, statements: lines.length, distinct: [...by.values()] });
  }
  return out;
}

export interface Plan { text: string; count: number; executionMs: number; planningMs: number; plan: string }

/** EXPLAIN (ANALYZE, BUFFERS) of each distinct SELECT of a view, slowest (time × times sent) first. */
export async function explainAll(url: string, views: ViewSql[]): Promise<{ view: string; statements: number; plans: Plan[] }[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query("SET ROLE xaso_app; SET TIME ZONE 'UTC'");
  const result = [];
  try {
    for (const v of views) {
      const plans: Plan[] = [];
      for (const d of v.distinct) {
        if (!/^\s*(select|with)\b/i.test(d.text)) continue;
        try {
          const r = await c.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${d.text}`, d.values);
          const plan = r.rows.map((x) => x['QUERY PLAN']).join('\n');
          const num = (re: RegExp) => Number(re.exec(plan)?.[1] ?? NaN);
          plans.push({ text: d.text, count: d.count, executionMs: num(/Execution Time: ([\d.]+) ms/), planningMs: num(/Planning Time: ([\d.]+) ms/), plan });
        } catch (e) {
          plans.push({ text: d.text, count: d.count, executionMs: NaN, planningMs: NaN, plan: `EXPLAIN failed: ${String(e)}` });
        }
      }
      plans.sort((a, b) => (b.executionMs || 0) * b.count - (a.executionMs || 0) * a.count);
      result.push({ view: v.view, statements: v.statements, plans });
    }
  } finally {
    await c.end();
  }
  return result;
}

/** The plans as Markdown: per view, every distinct SELECT with its time, the top `full` with their whole plans. */
export function plansMarkdown(explained: Awaited<ReturnType<typeof explainAll>>, full = 3): string {
  const lines: string[] = [];
  for (const v of explained) {
    lines.push(`## ${v.view}`, '', `${v.statements} statements sent, ${v.plans.length} distinct SELECTs.`, '',
      '| times sent | execution ms (one) | × times | statement |', '|---|---|---|---|');
    for (const p of v.plans) {
      lines.push(`| ${p.count} | ${p.executionMs.toFixed(2)} | ${(p.executionMs * p.count).toFixed(1)} | \`${p.text.replace(/\s+/g, ' ').slice(0, 160).replace(/\|/g, '\\|')}\` |`);
    }
    lines.push('');
    for (const p of v.plans.slice(0, full)) {
      lines.push('```sql', p.text.trim(), '```', '', '```', p.plan, '```', '');
    }
  }
  return lines.join('\n');
}
