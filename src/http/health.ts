import { Type } from '@sinclair/typebox';
import type { App, Deps } from './app.ts';

export async function healthRoutes(app: App, deps: Deps) {
  app.get(
    '/health',
    {
      schema: {
        tags: ['hệ thống'],
        summary: 'Tình trạng hệ thống: cơ sở dữ liệu và phiên bản lược đồ',
        response: {
          200: Type.Object({
            status: Type.Literal('ok'),
            database: Type.Object({ engine: Type.Union([Type.Literal('embedded'), Type.Literal('external')]), migrationVersion: Type.Integer() }),
            time: Type.String({ format: 'date-time' }),
          }),
        },
      },
    },
    async () => ({
      status: 'ok' as const,
      database: { engine: deps.engine, migrationVersion: await deps.migrationVersion() },
      time: deps.now().toISOString(),
    }),
  );
}
