// Page images of one component (the scanner's JPEG/PNG files, in the officer's order, each turned as the officer chose)
// made into one PDF: the master of the component's scan. img2pdf (installed with OCRmyPDF) wraps each image without
// re-encoding it (a JPEG's bytes are copied as they are, a PNG's pixels are kept losslessly), at the resolution
// measured (core/facts.ts: declared, or estimated for an A4 sheet), so the page has the paper's size; pikepdf joins the
// pages and sets each page's /Rotate, which OCRmyPDF honours: the turn reaches the storage copy. Run with Debian's
// python3 (where the packages are), in a temporary folder, with a time limit.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const PYTHON = process.env.XASO_PYTHON ?? '/usr/bin/python3';
const TIMEOUT_MS = 120_000;

import type { Rotation } from './core/arrange.ts';

export interface PageImage {
  content: Buffer;
  type: 'image/jpeg' | 'image/png';
  /** Resolution to give the page (the measured one). */
  dpi: number;
  /** Degrees clockwise. */
  rotate: Rotation;
}

const SCRIPT = `
import io, json, sys
import img2pdf, pikepdf
spec = json.load(open(sys.argv[1]))
out = pikepdf.new()
keep = []
for p in spec["pages"]:
    dpi = float(p["dpi"])
    data = img2pdf.convert(p["file"], layout_fun=img2pdf.get_fixed_dpi_layout_fun((dpi, dpi)))
    src = pikepdf.open(io.BytesIO(data))
    keep.append(src)
    out.pages.append(src.pages[0])
    page = out.pages[-1]
    turned = (int(page.obj.get("/Rotate", 0)) + int(p["rotate"])) % 360
    if turned:
        page.obj.Rotate = turned
out.save(spec["out"])
`;

/** One PDF of the pages, in order (a corrupt image: throws with the program's message). */
export async function assemblePages(pages: readonly PageImage[]): Promise<Buffer> {
  if (!pages.length) throw new RangeError('no pages');
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'xaso-assemble-'));
  try {
    const files = await Promise.all(pages.map(async (p, i) => {
      const file = path.join(dir, `page-${i + 1}.${p.type === 'image/png' ? 'png' : 'jpg'}`);
      await fs.writeFile(file, p.content);
      return { file, dpi: Math.max(1, Math.round(p.dpi)), rotate: p.rotate };
    }));
    const out = path.join(dir, 'master.pdf');
    await fs.writeFile(path.join(dir, 'spec.json'), JSON.stringify({ pages: files, out }));
    await fs.writeFile(path.join(dir, 'assemble.py'), SCRIPT);
    await run(PYTHON, [path.join(dir, 'assemble.py'), path.join(dir, 'spec.json')], { timeout: TIMEOUT_MS, maxBuffer: 1024 * 1024 });
    return await fs.readFile(out);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
