// Which of commune A's objects each route parameter names, by the route's path: the first rule whose pattern matches
// the path gives the fixture (World.params key) or the literal value of each parameter. A route with a parameter no
// rule resolves fails the matrix (so a new kind of object gets its fixture).
import type { Params } from './fixtures.ts';

type Value = { fixture: string } | { literal: string };
const f = (fixture: string): Value => ({ fixture });
const lit = (literal: string): Value => ({ literal });

const RULES: [RegExp, Record<string, Value>][] = [
  [/^\/api\/v1\/dossiers\/:id\/files\/:fileId$/, { id: f('fileDossier'), fileId: f('fileId') }],
  [/^\/api\/v1\/dossiers\/:id\/digitisation\/:jobId/, { id: f('jobDossier'), jobId: f('jobId') }],
  [/^\/api\/v1\/dossiers\/:id\/documents\/:kind$/, { id: f('dossier'), kind: lit('receipt') }],
  [/^\/api\/v1\/dossiers\/:id\/payments\/:ref/, { id: f('paymentDossier'), ref: f('ref') }],
  [/^\/api\/v1\/dossiers\/:id\/payments$/, { id: f('paymentDossier') }],
  [/^\/api\/v1\/dossiers\/:id\/notifications$/, { id: f('noticeDossier') }],
  [/^\/api\/v1\/dossiers\/:id/, { id: f('dossier') }],
  [/^\/api\/v1\/sync\/dossiers\/:id/, { id: f('dossier') }],
  [/^\/api\/v1\/api-keys\/:id/, { id: f('apiKey') }],
  [/^\/api\/v1\/staff\/:id/, { id: f('staff') }],
  [/^\/api\/v1\/units\/:id/, { id: f('unit') }],
  [/^\/api\/v1\/open-data\/:file$/, { file: lit('chi-so-766.csv') }],
  [/^\/api\/v1\/procedures\/:code/, { code: lit('1.001193') }],
  [/^\/api\/v1\/privacy-requests\/:id/, { id: f('privacy') }],
  [/^\/api\/v1\/public\/petitions\/:id/, { id: f('petition') }],
  [/^\/api\/v1\/par\/templates\/:id/, { id: f('parTemplate') }],
  [/^\/api\/v1\/par\/assessments\/:id\/evidence\/:evidenceId$/, { id: f('par'), evidenceId: f('parEvidence') }],
  [/^\/api\/v1\/par\/assessments\/:id/, { id: f('par'), code: f('parItem') }],
  [/^\/api\/v1\/petitions\/:id/, { id: f('petition') }],
  [/^\/api\/v1\/calendar\/days\/:date$/, { date: lit('2026-12-24') }],
  [/^\/api\/v1\/calendar\/:year$/, { year: lit('2026') }],
  [/^\/api\/v1\/reform\/plans\/:id/, { id: f('plan') }],
  [/^\/api\/v1\/reform\/tasks\/:id/, { id: f('task'), fileId: f('taskFile') }],
  [/^\/api\/v1\/reform\/targets\/:id/, { id: f('target') }],
  [/^\/api\/v1\/reform\/reports\/calls\/:id/, { id: f('call') }],
  [/^\/api\/v1\/reform\/reports\/submissions\/:id\/files\/:fileId$/, { id: f('submissionForFile'), fileId: f('submissionFile') }],
  [/^\/api\/v1\/reform\/reports\/submissions\/:id/, { id: f('submission') }],
  [/^\/api\/v1\/kpi\/officers\/:staffId/, { staffId: f('staff') }],
  [/^\/ho-so-cua-toi\/ho-so\/:id$/, { id: f('dossier') }],
  [/^\/ho-so-cua-toi\/ho-so-nhap\/:id$/, { id: lit('00000000-0000-4000-8000-000000000000') }],
  [/^\/ho-so-cua-toi\/kho-du-lieu\/:id/, { id: f('storeItem'), share: lit('1') }],
  [/^\/du-lieu-mo\/:file$/, { file: lit('chi-so-766.csv') }],
  [/^\/danh-gia\/:id$/, { id: f('dossierDone') }],
  [/^\/thu-tuc\/:code$/, { code: lit('1.001193') }],
  [/^\/tra-cuu\/ho-so\/:id\/thanh-toan\/bien-lai\/:ref$/, { id: f('paymentDossier'), ref: f('ref') }],
  [/^\/tra-cuu\/ho-so\/:id/, { id: f('dossierDone') }],
  [/^\/nop-ho-so\/:key\|:id/, { 'key|:id': lit('00000000-0000-4000-8000-000000000000'), n: lit('1'), component: lit('TO_KHAI') }],
  [/^\/chia-se\/:token/, { token: lit('khong-co-ma-chia-se-nay') }],
  [/^\/can-bo\/du-lieu-ca-nhan\/:id$/, { id: f('privacy') }],
  [/^\/can-bo\/tinh\/xa\/:communeId$/, { communeId: f('commune') }],
  [/^\/can-bo\/thong-bao\/:messageId$/, { messageId: f('messageId') }],
  [/^\/can-bo\/quan-tri\/can-bo\/:id/, { id: f('staff') }],
  [/^\/can-bo\/quan-tri\/thu-tuc\/:code/, { code: lit('1.001193') }],
  [/^\/can-bo\/quan-tri\/don-vi\/:id/, { id: f('unit') }],
  [/^\/can-bo\/quan-tri\/dong-bo\/:id/, { id: f('dossier') }],
  [/^\/can-bo\/ho-so\/:id\/tep\/trang\/:sha$/, { id: f('fileDossier'), sha: f('sha') }],
  [/^\/can-bo\/ho-so\/:id\/so-hoa\/:jobId/, { id: f('jobDossier'), jobId: f('jobId') }],
  [/^\/can-bo\/ho-so\/:id/, { id: f('dossier'), action: lit('assign') }],
  [/^\/can-bo\/cchc\/ke-hoach\/chi-tieu\/:id$/, { id: f('target') }],
  [/^\/can-bo\/cchc\/nhiem-vu\/:id/, { id: f('task'), action: lit('progress') }],
  [/^\/can-bo\/cchc\/bao-cao\/ky\/:id$/, { id: f('call') }],
  [/^\/can-bo\/cchc\/bao-cao\/nop\/:id/, { id: f('submission') }],
  [/^\/can-bo\/cchc\/chi-so\/:year/, { year: f('parYear'), code: f('parItem'), step: lit('self-score') }],
  [/^\/can-bo\/phan-anh\/:id/, { id: f('petition'), step: lit('assign') }],
  [/^\/can-bo\/kpi\/trung-tam\/:id$/, { id: f('staff') }],
  [/^\/can-bo\/kpi\/can-bo\/:id/, { id: f('staff') }],
  [/^\/phan-anh\/cong-khai\/:id$/, { id: f('petition') }],
];

/** Fixtures that are not commune A's own: shared data (the province's PAR template and its criteria) and a year (each
 *  commune answers with its own assessment of that year). A URL naming only these is not "commune A's object". */
export const SHARED_FIXTURES = ['parTemplate', 'parYear', 'parItem'];

/** The parameter names of a route path (":id", ":key|:id" as one). */
export const paramNames = (path: string) => [...path.matchAll(/:([A-Za-z]+(?:\|:[A-Za-z]+)?)/g)].map((m) => m[1]!);

/** The concrete URL of `path` with commune A's objects, and the fixtures of A's own it names; null when a parameter
 *  has no rule. */
export function concrete(path: string, params: Params, override: Record<string, string> = {}): { url: string; fixtures: string[] } | null {
  const names = paramNames(path);
  if (!names.length) return { url: path, fixtures: [] };
  const rule = RULES.find(([re]) => re.test(path))?.[1];
  if (!rule) return null;
  const fixtures: string[] = [];
  let url = path;
  for (const name of names) {
    const v = rule[name];
    if (!v) return null;
    let value: string;
    if ('literal' in v) value = v.literal;
    else {
      if (!SHARED_FIXTURES.includes(v.fixture)) fixtures.push(v.fixture);
      value = override[v.fixture] ?? params[v.fixture] ?? '';
      if (!value) return null;
    }
    url = url.replace(`:${name}`, encodeURIComponent(value));
  }
  return { url, fixtures };
}
