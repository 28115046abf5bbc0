// The order tables are loaded in: every table after the tables its foreign keys point to (parents first), so that a
// restore can load with the foreign-key checks on. Ties in name order, so the order is the same at every backup.

/** Tables in dependency order; `edges` are [child, parent] pairs (self-references ignored). Throws on a cycle. */
export function dependencyOrder(tables: readonly string[], edges: readonly (readonly [string, string])[]): string[] {
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const [child, parent] of edges) if (child !== parent && parents.has(parent)) parents.get(child)?.add(parent);
  const done = new Set<string>();
  const out: string[] = [];
  const pending = [...tables].sort();
  while (pending.length) {
    const i = pending.findIndex((t) => [...parents.get(t)!].every((p) => done.has(p)));
    if (i < 0) throw new Error(`foreign keys form a cycle among: ${pending.join(', ')}`);
    const [t] = pending.splice(i, 1);
    done.add(t!);
    out.push(t!);
  }
  return out;
}
