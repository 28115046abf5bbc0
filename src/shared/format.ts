// How dates, times and money read in Vietnamese (Vietnam time, UTC+7, whatever the server's zone).
const VN = 'Asia/Ho_Chi_Minh';
const dateFmt = new Intl.DateTimeFormat('vi-VN', { timeZone: VN, day: '2-digit', month: '2-digit', year: 'numeric' });
const timeFmt = new Intl.DateTimeFormat('vi-VN', { timeZone: VN, hour: '2-digit', minute: '2-digit', hour12: false });

const asDate = (d: Date | string) => (typeof d === 'string' ? new Date(d) : d);

/** 25/11/2026 */
export const fmtDate = (d: Date | string | null | undefined) => (d ? dateFmt.format(asDate(d)) : '');
/** 09:00 ngày 25/11/2026 */
export const fmtDateTime = (d: Date | string | null | undefined) =>
  d ? `${timeFmt.format(asDate(d))} ngày ${dateFmt.format(asDate(d))}` : '';
/** 200.000 đồng */
export const fmtMoney = (vnd: number) => `${new Intl.NumberFormat('vi-VN').format(vnd)} đồng`;
