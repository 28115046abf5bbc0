// The order and rotation of a counter scan's page images, as the officer set them on the arrangement step (pure).
// Each page has an order number (1 to n, each once) and a rotation (0, 90, 180 or 270 degrees clockwise).

export type Rotation = 0 | 90 | 180 | 270;
export const ROTATIONS: readonly Rotation[] = [0, 90, 180, 270];

export interface ArrangedPage {
  /** Index of the page in the upload. */
  index: number;
  rotate: Rotation;
}

export type Arrangement =
  | { ok: true; pages: ArrangedPage[] }
  | { ok: false; errors: { index: number; message: string }[] };

/** The pages in the officer's order, or what is wrong with each input (Vietnamese, for the error summary). */
export function arrangePages(count: number, orders: readonly string[], rotations: readonly string[]): Arrangement {
  const errors: { index: number; message: string }[] = [];
  const seen = new Map<number, number>();
  const rows: { index: number; order: number; rotate: Rotation }[] = [];
  for (let i = 0; i < count; i++) {
    const raw = (orders[i] ?? '').trim();
    const order = /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
    const rot = Number((rotations[i] ?? '0').trim() || '0');
    if (!(order >= 1 && order <= count)) {
      errors.push({ index: i, message: `Trang ${i + 1}: thứ tự phải là số từ 1 đến ${count}.` });
    } else if (seen.has(order)) {
      errors.push({ index: i, message: `Trang ${i + 1}: thứ tự ${order} trùng với trang ${seen.get(order)! + 1}.` });
    } else {
      seen.set(order, i);
    }
    if (!(ROTATIONS as readonly number[]).includes(rot)) errors.push({ index: i, message: `Trang ${i + 1}: chọn góc xoay 0, 90, 180 hoặc 270 độ.` });
    rows.push({ index: i, order, rotate: rot as Rotation });
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, pages: rows.sort((a, b) => a.order - b.order).map(({ index, rotate }) => ({ index, rotate })) };
}

/** How a page is named in the history: its sha256, with `@90`, `@180`, `@270` when turned. */
export const pageRef = (sha256: string, rotate: Rotation): string => (rotate ? `${sha256}@${rotate}` : sha256);
