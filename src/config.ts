// Configuration, read once from environment variables (documented in README.md § Configuration).
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** When set, an external PostgreSQL ≥ 15; otherwise the embedded PostgreSQL in `<dataDir>/pg`. */
  databaseUrl: string | undefined;
  logLevel: string;
  /** Load the demo communes, staff and catalogue at start when the database is empty. */
  demo: boolean;
  /** The address citizens reach the portal at (printed in QR codes and notices); default http://127.0.0.1:PORT. */
  publicUrl: string;
}

function intFrom(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number, got "${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = intFrom('PORT', env.PORT, 3000);
  return {
    port,
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.XASO_DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    demo: env.XASO_DEMO !== '0',
    publicUrl: (env.PUBLIC_URL || `http://127.0.0.1:${port}`).replace(/\/+$/, ''),
  };
}
