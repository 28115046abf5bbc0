// Every route the app serves, read from the app itself (Fastify's printRoutes tree), so that a route added later
// appears here without editing anything and the matrix fails until it is classified.
import type { App } from '../../../src/app.ts';

export interface RouteId { method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH'; path: string }

/** "METHOD /path" — the key of the classification table. */
export const routeKey = (r: RouteId) => `${r.method} ${r.path}`;

/** Full paths and methods of the routes in a printRoutes tree ("├── /a (GET, HEAD)" / "│   └── /:id (POST)"). HEAD is
 *  left out: Fastify adds it to every GET route and answers it like the GET. */
export function parseRouteTree(tree: string): RouteId[] {
  const stack: string[] = [];
  const out: RouteId[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:│ {3}| {4})*)[├└]── (.+?) \(([A-Z, ]+)\)$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    const full = (stack[depth - 1] ?? '') + m[2]!;
    stack[depth] = full;
    for (const method of m[3]!.split(', ')) {
      if (method !== 'HEAD') out.push({ method: method as RouteId['method'], path: full === '/' ? '/' : full.replace(/^\/\//, '/') });
    }
  }
  return out;
}

export function appRoutes(app: App): RouteId[] {
  const routes = parseRouteTree(app.printRoutes({ commonPrefix: false }));
  const seen = new Set<string>();
  return routes.filter((r) => !seen.has(routeKey(r)) && seen.add(routeKey(r)));
}
