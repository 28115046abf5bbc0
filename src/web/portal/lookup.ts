// Checking a dossier code or reference (mã tra cứu, before the code exists) + the last 4 digits of the applicant's
// ID number (the second factor; for a dossier received without one, of the phone written on its receipt), with the
// shared lookup of src/dossiers/public.ts; 5 wrong answers for one code or
// reference lock it for 15 minutes (src/shared/attempts-store.ts), whoever tries, so that neither can be guessed.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../http/deps.ts';
import { dossierRef, guardedLookup, loadPublicDossier, type LookedUpDossier, type PublicDossier } from '../../dossiers/public.ts';
import type { FieldError } from '../components.tsx';
import { isUuid, str } from './common.ts';
import { LOOKUP_POLICY, lockedMessage } from '../../shared/attempts-store.ts';
import { hasProof } from './proof.ts';

export type LookupResult =
  | { ok: true; dossier: LookedUpDossier }
  | { ok: false; code: string; errors: FieldError[]; status: number };

const NOT_FOUND = 'Không tìm thấy hồ sơ với mã và 4 số cuối đã nhập. Kiểm tra lại mã hồ sơ trên Giấy tiếp nhận hồ sơ (hoặc mã tra cứu nhận được khi nộp trực tuyến) và số định danh cá nhân của người nộp hồ sơ; hồ sơ không có số định danh cá nhân thì dùng số điện thoại ghi trên Giấy tiếp nhận.';

export async function lookup(db: Deps['db'], body: Record<string, unknown>, now: Date): Promise<LookupResult> {
  const rawCode = str(body.ma_ho_so).trim().replace(/\s+/g, '');
  const last4 = str(body.bon_so_cuoi).trim();
  const errors: FieldError[] = [];
  if (!rawCode) errors.push({ field: 'ma_ho_so', message: 'Nhập mã hồ sơ hoặc mã tra cứu' });
  else if (rawCode.length > 60) errors.push({ field: 'ma_ho_so', message: 'Mã hồ sơ hoặc mã tra cứu không đúng' });
  if (!last4) errors.push({ field: 'bon_so_cuoi', message: 'Nhập 4 số cuối số định danh cá nhân của người nộp hồ sơ, hoặc 4 số cuối số điện thoại nếu hồ sơ không có số định danh cá nhân' });
  else if (!/^\d{4}$/.test(last4)) errors.push({ field: 'bon_so_cuoi', message: '4 số cuối phải gồm đúng 4 chữ số, ví dụ 4567' });
  if (errors.length) return { ok: false, code: rawCode, errors, status: 400 };
  const dossier = await guardedLookup(db, dossierRef(rawCode), last4, now);
  if (dossier === 'locked') {
    return {
      ok: false, code: rawCode, status: 429,
      errors: [{ field: 'ma_ho_so', message: lockedMessage(LOOKUP_POLICY) }],
    };
  }
  if (!dossier) return { ok: false, code: rawCode, errors: [{ field: 'ma_ho_so', message: NOT_FOUND }], status: 404 };
  return { ok: true, dossier };
}

/** The dossier of the URL (`:id`) if this browser proved the second factor for it; otherwise a redirect to the
 *  page that asks for it (and null). */
export async function provenDossier(db: Deps['db'], req: FastifyRequest, reply: FastifyReply, askAt: string): Promise<PublicDossier | null> {
  const id = str((req.params as Record<string, unknown>).id);
  const d = isUuid(id) && hasProof(req, id) ? await loadPublicDossier(db, id) : null;
  if (!d) void reply.redirect(askAt, 303);
  return d;
}
