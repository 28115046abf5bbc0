// Checking a scan or photo at once, before it is kept (the citizen's upload step, the counter's scan form): measure
// it (measure.ts) and judge it by the digitisation guide's rules in force (core/quality.ts), so that the person
// uploading hears now what is wrong ("ảnh mờ / thiếu trang / độ phân giải thấp") instead of the officer later.
import { vnDate } from '../calendar/core/vn-time.ts';
import { measureScan } from './measure.ts';
import { checkScan, colourNeedOf, qualityRulesAt, type Finding } from './core/quality.ts';

/** The findings on a file for a component (empty: nothing to say). An unreadable file is an 'error' finding. */
export async function precheckScan(
  content: Buffer,
  component: { code: string; name: string; kind?: string },
  now: Date,
  expectedPages?: number,
): Promise<Finding[]> {
  const facts = await measureScan(content);
  if (!facts) return checkScan({ type: 'application/pdf', readable: false, pages: [] }, { colour: 'none' }, qualityRulesAt(vnDate(now)));
  return checkScan(facts, { colour: colourNeedOf(component), expectedPages }, qualityRulesAt(vnDate(now)));
}
