// The four kinds of test file, told by the file's name (scripts/test.ts runs them; test/README.md explains them).
// A support module that needs a database, the app or a browser checks that the running file declared it, so a
// file's name cannot lie about what it needs.
export const KINDS = ['pure', 'db', 'app', 'browser'] as const;
export type TestKind = (typeof KINDS)[number];

export function kindOf(file: string): TestKind {
  if (file.endsWith('.browser.test.ts')) return 'browser';
  if (file.endsWith('.app.test.ts')) return 'app';
  if (file.endsWith('.db.test.ts')) return 'db';
  return 'pure';
}

/** Fails the file early when it uses what its kind does not allow (only under `npm test`, which sets the kind). */
export function requireKind(what: string, allowed: readonly TestKind[]): void {
  const kind = process.env.XASO_TEST_KIND as TestKind | undefined;
  if (kind && !allowed.includes(kind)) {
    throw new Error(`${process.argv[1]} is a "${kind}" test file but uses ${what}: name it *.${allowed[0]}.test.ts (test/README.md)`);
  }
}
