import { Type } from '@sinclair/typebox';
import type { App, Deps } from './deps.ts';
import { databaseAvailability, isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../db/availability.ts';
import { replicaHealth } from '../db/replica.ts';

const Connections = Type.Array(Type.Object({
  name: Type.String({ description: 'identity | payment | mail | sms' }),
  url: Type.String(),
  standIn: Type.Boolean({ description: 'true: dịch vụ giả lập cục bộ do Xã Số khởi động, không phải dịch vụ thật' }),
}));
const Engine = Type.Union([Type.Literal('embedded'), Type.Literal('external')]);
/** Only with DATABASE_REPLICA_URL: the read replica (src/db/replica.ts). Its outage does not make /health 503: its
 *  reads go to the primary meanwhile. */
const Replica = Type.Optional(Type.Object({
  available: Type.Boolean({ description: 'false: bản sao không trả lời, các truy vấn đọc đang chạy trên máy chủ chính' }),
  since: Type.Optional(Type.String({ format: 'date-time', description: 'từ lúc mất kết nối' })),
  standby: Type.Optional(Type.Boolean({ description: 'false: địa chỉ bản sao đang trỏ tới máy chủ chính (ví dụ sau khi chuyển đổi dự phòng chỉ còn một máy)' })),
  lagBytes: Type.Optional(Type.Union([Type.Number(), Type.Null()], { description: 'số byte WAL bản sao chưa áp dụng' })),
  replayDelaySeconds: Type.Optional(Type.Union([Type.Number(), Type.Null()], { description: 'số giây từ giao dịch cuối bản sao đã áp dụng (tăng khi không có ghi)' })),
}));

export async function healthRoutes(app: App, deps: Deps) {
  app.get(
    '/health',
    {
      schema: {
        tags: ['hệ thống'],
        summary: 'Tình trạng hệ thống: cơ sở dữ liệu, phiên bản lược đồ và các kết nối bên ngoài (thật hay giả lập)',
        description: 'Trả 503 (kèm Retry-After) khi cơ sở dữ liệu tạm thời không kết nối được; hệ thống tự kết nối lại.',
        response: {
          200: Type.Object({
            status: Type.Literal('ok'),
            database: Type.Object({ engine: Engine, available: Type.Literal(true), migrationVersion: Type.Integer(), replica: Replica }),
            time: Type.String({ format: 'date-time' }),
            connections: Connections,
          }),
          503: Type.Object({
            status: Type.Literal('unavailable'),
            database: Type.Object({
              engine: Engine,
              available: Type.Literal(false),
              since: Type.Optional(Type.String({ format: 'date-time', description: 'từ lúc mất kết nối' })),
              message: Type.String(),
            }),
            time: Type.String({ format: 'date-time' }),
            connections: Connections,
          }),
        },
      },
    },
    async (_req, reply) => {
      const common = { time: deps.now().toISOString(), connections: deps.outside.connections };
      const down = () => {
        const { since } = databaseAvailability.state();
        return reply.code(503).header('Retry-After', String(RETRY_AFTER_SECONDS)).send({
          status: 'unavailable' as const,
          database: {
            engine: deps.engine, available: false as const, ...(since ? { since } : {}),
            message: 'Cơ sở dữ liệu tạm thời không kết nối được; hệ thống đang tự kết nối lại.',
          },
          ...common,
        });
      };
      if (!databaseAvailability.isAvailable()) return down();
      let migrationVersion: number;
      try {
        migrationVersion = await deps.migrationVersion();
      } catch (e) {
        if (isDatabaseUnavailable(e)) return down();
        throw e;
      }
      const replica = await replicaHealth();
      return { status: 'ok' as const, database: { engine: deps.engine, available: true as const, migrationVersion, ...(replica ? { replica } : {}) }, ...common };
    },
  );
}
