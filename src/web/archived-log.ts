// What a page says where a dossier's action log was (its month detached for the archive: `xaso archive detach`,
// Luật Lưu trữ 2024 Đ17): shown instead of an empty history, to the officer and to the citizen alike.
import { fmtDate } from '../shared/format.ts';

export function archivedLogText(a: { month: string; archivedAt: Date | string }): string {
  const [y, m] = a.month.split('-');
  return `Quá trình xử lý của hồ sơ này (thuộc các hồ sơ bắt đầu trong tháng ${m}/${y}) đã được nộp vào lưu trữ ngày `
    + `${fmtDate(a.archivedAt)}, cùng các hồ sơ đã kết thúc của tháng đó; hồ sơ và kết quả vẫn xem được tại đây. `
    + 'Cần xem chi tiết quá trình xử lý, đề nghị bộ phận văn thư – lưu trữ của UBND xã.';
}
