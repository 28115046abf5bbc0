// Shared OpenAPI bits for route schemas.
import { Type } from '@sinclair/typebox';

/** Staff endpoints accept a session cookie (people) or a bearer API key (systems). */
export const STAFF_SECURITY: { [scheme: string]: string[] }[] = [{ session: [] }, { apiKey: [] }];

export const IdempotencyHeader = Type.Object({
  'idempotency-key': Type.String({ description: 'Khóa chống trùng lặp (8–128 ký tự); lặp lại khóa trả lại kết quả lần đầu' }),
});
