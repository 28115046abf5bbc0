// The cases of a procedure with their own statutory time (catalogue `timeVariants`), as the officer chooses them at
// receipt or later (the set_time_case action). Pure. E.g. kết hôn cần xác minh: không quá 05 ngày làm việc (Luật Hộ
// tịch 2014 Đ18 k2); chứng thực bản sao nhiều giấy tờ: kéo dài không quá 02 ngày làm việc (NĐ 23/2015/NĐ-CP Đ21).
import { describeProcessingTime } from '../../catalogue/core/time.ts';
import type { ProcessingTime, TimeVariant } from '../../catalogue/core/types.ts';
import { BASE_TIME_CASE } from './payload.ts';

export interface TimeCaseOption {
  code: string;
  name: string;
  /** The statutory time, in words ("05 ngày làm việc"). */
  time: string;
}

interface ProcedureTimes {
  processingTime: ProcessingTime;
  onlineProcessingTime?: ProcessingTime;
  timeVariants?: TimeVariant[];
}

/** The statutory time of a dossier of `proc` filed by `channel` in the case `timeCase`: the default (the online time,
 *  ThoiGianThucHienTrucTuyen, when filed online and the procedure has one; else the processing time), or the case's
 *  own (`timeVariants`); undefined for a case the procedure does not have. */
export function statutoryTime(proc: ProcedureTimes, channel: string, timeCase: string | null): ProcessingTime | undefined {
  if (timeCase !== null) return proc.timeVariants?.find((v) => v.code === timeCase)?.processingTime;
  return channel === 'online' && proc.onlineProcessingTime ? proc.onlineProcessingTime : proc.processingTime;
}

/** The choices for a dossier of this procedure: the default case first, then the procedure's own cases; none when the
 *  procedure has a single time (nothing to choose). */
export function timeCaseOptions(proc: ProcedureTimes | undefined, channel: string): TimeCaseOption[] {
  const variants = proc?.timeVariants ?? [];
  if (!proc || variants.length === 0) return [];
  return [
    { code: BASE_TIME_CASE, name: 'Trường hợp thông thường', time: describeProcessingTime(statutoryTime(proc, channel, null)!) },
    ...variants.map((v) => ({ code: v.code, name: v.name, time: describeProcessingTime(v.processingTime) })),
  ];
}

/** The chosen case, named; null for the default time. A code the version no longer lists is shown as it is. */
export function chosenTimeCase(variants: readonly TimeVariant[] | undefined, code: string | null): { code: string; name: string } | null {
  if (code === null) return null;
  return { code, name: variants?.find((v) => v.code === code)?.name ?? code };
}
