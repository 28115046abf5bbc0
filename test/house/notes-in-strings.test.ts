// A developer's note (UNCERTAIN, domain.md, §, "vấn đề N", evidence tags, "cần xác minh", …: test/web/developer-notes.ts)
// may live in a code comment, never in a string of the product's code: every string literal, template part and JSX
// text of src/ is read (the TypeScript parser tells comments from strings), so that a note cannot reach a page, a
// PDF, an e-mail or an API message however the string is used. The crawl (test/web/no-developer-notes.app.test.ts)
// reads what is served; this reads what could be.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { notesIn } from '../web/developer-notes.ts';

/** The notes looked for; code names its own files (fonts, assets, modules), so a file name alone is not one here. */
const notes = (text: string) => notesIn(text).filter((n) => n !== 'file of the code');

function sources(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sources(p, out);
    else if (/\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

/** The strings a file's code holds (not its comments), each with its line. */
export function stringsIn(file: string, text: string): { line: number; text: string }[] {
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: { line: number; text: string }[] = [];
  const visit = (n: ts.Node) => {
    // A module's name is code, not text: imports, exports, import().
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier) return;
    if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword) return;
    if (ts.isStringLiteralLike(n) || ts.isTemplateLiteralToken(n) || ts.isJsxText(n)) {
      out.push({ line: src.getLineAndCharacterOfPosition(n.getStart()).line + 1, text: (n as ts.LiteralLikeNode).text });
    }
    ts.forEachChild(n, visit);
  };
  visit(src);
  return out;
}

test('the reader: strings count, comments do not', () => {
  const found = stringsIn('x.ts', "// domain.md §2\nconst a = 'Căn cứ domain.md';\nconst b = `x ${a} UNCERTAIN`;\n/* vấn đề 4 */");
  assert.deepEqual(found.flatMap((s) => notes(s.text)), ['domain.md', 'UNCERTAIN']);
});

test('no string in src/ carries a developer\'s note', () => {
  const files = sources('src');
  assert.ok(files.length > 300, `${files.length} files`);
  const found = files.flatMap((f) => stringsIn(f, fs.readFileSync(f, 'utf8'))
    .flatMap((s) => notes(s.text).map((note) => `${f}:${s.line}: ${note} in ${JSON.stringify(s.text.slice(0, 120))}`)));
  assert.deepEqual(found, []);
});
