// The server the benchmark measures, in its own process (the load generator must not share its event loop).
import { loadConfig } from '../src/config.ts';
import { startServer } from '../src/server.ts';

const running = await startServer(loadConfig());
process.once('SIGTERM', () => {
  running.stop().then(() => process.exit(0), () => process.exit(1));
});
