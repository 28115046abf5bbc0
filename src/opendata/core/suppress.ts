// Small-count suppression (pure): a count of 1 or 2 in a cell (one procedure, one month) could point to a person in a
// small commune together with what neighbours know (a rare procedure, e.g. an adoption); such cells are published empty.
// 0 and counts from 3 on are published as they are. Luật Bảo vệ dữ liệu cá nhân 2025 (91/2025/QH15): data that can
// identify a person, alone or combined with other data, is personal data.

export const SMALL_COUNT_LIMIT = 3;

export const suppressed = (n: number): number | null => (n > 0 && n < SMALL_COUNT_LIMIT ? null : n);
