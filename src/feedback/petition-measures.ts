// Indicators 5.2 and 5.3 of Decision 766 from the commune's petitions of a period. Owned by the petitions helper
// (issue 5). Stub: not computable until petitions are recorded.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Period } from '../indicators/core/progress.ts';
import type { Measure } from '../indicators/core/score.ts';

const NONE = 'Chưa có dữ liệu phản ánh, kiến nghị trong kỳ.';

export async function petitionMeasures(_db: Kysely<Database>, _communeId: string, _period: Period): Promise<{ '5.2': Measure; '5.3': Measure }> {
  return { '5.2': { unavailable: NONE }, '5.3': { unavailable: NONE } };
}
