import { Type } from '@sinclair/typebox';
import type { App, Deps } from './deps.ts';

export async function healthRoutes(app: App, deps: Deps) {
  app.get(
    '/health',
    {
      schema: {
        tags: ['hệ thống'],
        summary: 'Tình trạng hệ thống: cơ sở dữ liệu, phiên bản lược đồ và các kết nối bên ngoài (thật hay giả lập)',
        response: {
          200: Type.Object({
            status: Type.Literal('ok'),
            database: Type.Object({ engine: Type.Union([Type.Literal('embedded'), Type.Literal('external')]), migrationVersion: Type.Integer() }),
            time: Type.String({ format: 'date-time' }),
            connections: Type.Array(Type.Object({
              name: Type.String({ description: 'identity | payment | mail | sms' }),
              url: Type.String(),
              standIn: Type.Boolean({ description: 'true: dịch vụ giả lập cục bộ do Xã Số khởi động, không phải dịch vụ thật' }),
            })),
          }),
        },
      },
    },
    async () => ({
      status: 'ok' as const,
      database: { engine: deps.engine, migrationVersion: await deps.migrationVersion() },
      time: deps.now().toISOString(),
      connections: deps.outside.connections,
    }),
  );
}
