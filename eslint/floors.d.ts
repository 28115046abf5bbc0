// Types of the house lint plugin (floors.js), for the tests that exercise it.
import type { ESLint } from 'eslint';

export type Kind = 'core' | 'tables' | 'db' | 'store' | 'service' | 'page' | 'routes' | 'top';
export function kindOf(rel: string): Kind | null;
declare const plugin: ESLint.Plugin;
export default plugin;
