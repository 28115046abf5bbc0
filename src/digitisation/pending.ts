// The page images of a counter scan between its two steps (uploaded, then ordered and turned): stored already
// (content-addressed and encrypted in `files`, as every upload), named in the arrangement form by their sha256. The
// form carries a keyed signature (HMAC-SHA256, key derived from the server's secret key) over the dossier, the
// component, the officer and the pages, so that a form cannot name content it did not upload: a hash copied from
// elsewhere (another dossier's ID card) is refused.
import crypto from 'node:crypto';
import { secretKey } from '../shared/secret-key-store.ts';

let key: Buffer | undefined;
const pagesKey = () => (key ??= secretKey('scan-pages'));

const mac = (parts: readonly string[]) => crypto.createHmac('sha256', pagesKey()).update(parts.join('\n')).digest('base64url');

export interface PendingScan {
  dossierId: string;
  component: string;
  /** The officer (principalKey) who uploaded the pages. */
  by: string;
  /** sha256 of each page image, in upload order. */
  pages: readonly string[];
}

export const signPending = (p: PendingScan): string => mac(['scan', p.dossierId, p.component, p.by, ...p.pages]);

export function verifyPending(p: PendingScan, signature: string): boolean {
  const want = Buffer.from(signPending(p));
  const got = Buffer.from(signature);
  return got.length === want.length && crypto.timingSafeEqual(got, want);
}

/** The signature of one page's preview link (the officer's own upload, shown while arranging). */
export const signPage = (dossierId: string, by: string, sha256: string): string => mac(['page', dossierId, by, sha256]);

export function verifyPage(dossierId: string, by: string, sha256: string, signature: string): boolean {
  const want = Buffer.from(signPage(dossierId, by, sha256));
  const got = Buffer.from(signature);
  return got.length === want.length && crypto.timingSafeEqual(got, want);
}
