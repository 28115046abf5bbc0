// Who may file an online dossier through the public API (POST /api/v1/public/submissions), by the rule the portal
// applies (identity/citizens/core/filing.ts): a procedure that requires e-identity (catalogue onlineIdentity 'eid',
// the default: NĐ 45/2020/NĐ-CP as amended by NĐ 118/2025, the account that files online is the e-identity account;
// NĐ 69/2024/NĐ-CP) is filed only by a citizen logged in on the portal (its session cookie), and only for
// themselves: the applicant's name and ID number must be the identity's. Filing for someone else (nộp thay, with
// the authorisation paper) is done through the portal's steps. A procedure that allows other means ('eid_or_other')
// is also filed without logging in; a logged-in caller still files only for themselves.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { Problem } from '../http/problem.ts';
import { procedureAt } from '../catalogue/store.ts';
import { onlineIdentityOf } from '../catalogue/core/types.ts';
import { citizenFromSession, type Citizen } from '../identity/citizens/accounts.ts';
import { normaliseText, type Applicant } from './core/applicant.ts';

const eidRequired = () =>
  new Problem(403, 'EID_REQUIRED', 'Thủ tục này chỉ nộp trực tuyến được khi đăng nhập bằng tài khoản định danh điện tử.',
    'Đăng nhập bằng tài khoản định danh điện tử (VNeID) trên Cổng dịch vụ công của xã rồi nộp hồ sơ, hoặc nộp trực tiếp tại Trung tâm Phục vụ hành chính công xã.');

const notTheCitizen = () =>
  new Problem(403, 'APPLICANT_NOT_CITIZEN', 'Họ tên và số định danh cá nhân của người nộp phải là của tài khoản định danh điện tử đang đăng nhập.',
    'Nộp hồ sơ thay người khác trên Cổng dịch vụ công của xã, bước “Nộp thay người khác”, kèm văn bản ủy quyền.');

/**
 * The citizen filing this submission (the applicant, as their identity says), or null for an anonymous filing that
 * the procedure allows. Throws 403 EID_REQUIRED or APPLICANT_NOT_CITIZEN. An unknown procedure is left to
 * createDossier (422 UNKNOWN_PROCEDURE).
 */
export async function onlineFiler(
  db: Kysely<Database>, sessionToken: string | undefined, procedureCode: string, applicant: Applicant, now: Date,
): Promise<Citizen | null> {
  const proc = await procedureAt(db, procedureCode, now);
  if (!proc) return null;
  const c = await citizenFromSession(db, sessionToken, now);
  if (!c) {
    if (onlineIdentityOf(proc) === 'eid') throw eidRequired();
    return null;
  }
  if (applicant.idNumber !== c.idNumber || normaliseText(applicant.name) !== normaliseText(c.name)) throw notTheCitizen();
  return c;
}
