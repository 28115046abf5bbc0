// The import's progress line (pure): rows done of the total, rate and time left.

export interface ProgressState {
  done: number;
  total: number;
  /** Rows done in this run (a resumed run starts above 0) and the seconds it has taken. */
  doneThisRun: number;
  seconds: number;
}

const n = (x: number) => Math.round(x).toLocaleString('vi-VN');

export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return h ? `${h} giờ ${m} phút` : m ? `${m} phút ${r} giây` : `${r} giây`;
}

/** One line: `[#####-----] 52 % 520.000/1.000.000 dòng · 12.345 dòng/giây · còn khoảng 39 giây`; `width` 0: no bar. */
export function progressLine(p: ProgressState, width = 24): string {
  const share = p.total > 0 ? Math.min(1, p.done / p.total) : 1;
  const rate = p.seconds > 0 ? p.doneThisRun / p.seconds : 0;
  const left = rate > 0 ? (p.total - p.done) / rate : Infinity;
  const filled = Math.round(share * width);
  const bar = width ? `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ` : '';
  return `${bar}${Math.floor(share * 100)} % ${n(p.done)}/${n(p.total)} dòng · ${n(rate)} dòng/giây · còn khoảng ${duration(left)}`;
}
