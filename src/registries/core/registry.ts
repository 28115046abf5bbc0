// The national databases reached through the provincial platform (LGSP ↔ NDXP, domain.md §10.1), as one adapter
// interface (pure): what is asked, what comes back, and the rules of a lawful lookup (TT 117/2026/TT-BCA, domain.md
// §9.1: only for assigned duties including the processing of a TTHC; right subject, scope and purpose; every lookup
// logged with who, when and what; no alteration of the source data and no copy of it kept).

/** The registries Xã Số reads. */
export const REGISTRIES = ['population', 'civil_status'] as const;
export type RegistryCode = (typeof REGISTRIES)[number];

/**
 * Each registry's code in the national portal's sync (`DSKetNoiCSDL[].MaCSDL`, 766 spec 4.5) and its name. Data, not
 * code: the official code list was not retrieved (domain.md §12 item 11). "7" for the population database is what
 * the Thanh Hóa provincial code sends (domain.md §3.4, unverified); "9" for the civil-status database is our choice
 * until the list is confirmed. Change them here only.
 */
export const REGISTRY_INFO: Record<RegistryCode, { maCsdl: string; name: string; short: string; unverifiedCode: boolean }> = {
  population: { maCsdl: '7', name: 'Cơ sở dữ liệu quốc gia về dân cư', short: 'CSDL dân cư', unverifiedCode: true },
  civil_status: { maCsdl: '9', name: 'Cơ sở dữ liệu hộ tịch điện tử', short: 'CSDL hộ tịch', unverifiedCode: true },
};

/** The codes of the registries a dossier used, in the stable order of REGISTRIES (DSKetNoiCSDL). */
export function maCsdlOf(used: readonly string[]): string[] {
  return REGISTRIES.filter((r) => used.includes(r)).map((r) => REGISTRY_INFO[r].maCsdl);
}

// ── Purposes (TT 117/2026/TT-BCA: the right purpose, from the duty) ────────────────────────────────────────────

/** What an officer may look up for, always for a dossier they handle. A fixed list: free text is no purpose. */
export const STAFF_PURPOSES = ['Tiếp nhận hồ sơ', 'Thẩm định hồ sơ', 'Kiểm tra thông tin người nộp'] as const;
/** A citizen's own lookup: the portal pre-fills their own e-form (subject = themselves only). */
export const CITIZEN_PURPOSE = 'Điền sẵn tờ khai';
export type Purpose = (typeof STAFF_PURPOSES)[number] | typeof CITIZEN_PURPOSE;

export const isStaffPurpose = (s: string): s is (typeof STAFF_PURPOSES)[number] => (STAFF_PURPOSES as readonly string[]).includes(s);

// ── The population database (CSDL quốc gia về dân cư) ───────────────────────────────────────────────────────

export const ID_NUMBER = /^[0-9]{12}$/;

export interface PopulationQuery { idNumber: string }

export interface PopulationRecord {
  idNumber: string;
  fullName: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  sex: 'Nam' | 'Nữ';
  /** Nơi thường trú */
  permanentResidence: string;
  /** Nơi ở hiện tại */
  currentResidence: string;
  ethnicity: string;
  nationality: string;
}

// ── The civil-status database (CSDL hộ tịch điện tử) ────────────────────────────────────────────────────────

export type CivilStatusKind = 'birth' | 'marriage';
export const CIVIL_STATUS_KIND_LABEL: Record<CivilStatusKind, string> = { birth: 'Khai sinh', marriage: 'Kết hôn' };

/** A record to verify: its registration number and book, and the names and date written on the paper. */
export interface CivilStatusQuery {
  kind: CivilStatusKind;
  /** Số đăng ký */
  number: string;
  /** Quyển số (may be empty: the electronic register numbers records without a book). */
  book: string;
  /** Birth: the child's name; marriage: the husband's name. */
  name: string;
  /** Marriage: the wife's name; birth: empty. */
  otherName: string;
  /** Birth: the date of birth; marriage: the registration date (YYYY-MM-DD). */
  date: string;
}

export interface CivilStatusRecord {
  kind: CivilStatusKind;
  number: string;
  book: string;
  /** YYYY-MM-DD */
  registeredOn: string;
  registeredBy: string;
  /** Birth: the child; marriage: the husband. */
  name: string;
  /** Marriage: the wife; birth: null. */
  otherName: string | null;
  /** Birth: date of birth; marriage: null. */
  dateOfBirth: string | null;
  /** Birth: the parents. */
  mother: string | null;
  father: string | null;
}

// ── The adapter interface ───────────────────────────────────────────────────────────────────────────────────

/** Who asks and why: sent to the platform with every call (the platform logs too). */
export interface Caller {
  /** Unique per call, in our log and the platform's. */
  requestId: string;
  /** The unit's or commune's e-identifier (mã định danh). */
  agencyCode: string;
  /** The officer's account (staff:<id>) or the citizen's (citizen:<id>). */
  actor: string;
  actorName: string;
  purpose: Purpose;
  /** The dossier's code or reference, or the draft's id for a citizen's own pre-fill. */
  caseRef: string;
}

export type Answer<R> = { found: true; record: R } | { found: false };

/** One national database behind the provincial platform. Errors (unavailable, refused) are thrown by the adapter. */
export interface Registry<Q, R> {
  code: RegistryCode;
  lookup(subject: Q, caller: Caller): Promise<Answer<R>>;
}

export type PopulationRegistry = Registry<PopulationQuery, PopulationRecord>;
export type CivilStatusRegistry = Registry<CivilStatusQuery, CivilStatusRecord>;

/** What a lookup's log row says of its result. */
export type Outcome = 'found' | 'not_found' | 'match' | 'no_match' | 'failed';
export const OUTCOME_LABEL: Record<Outcome, string> = {
  found: 'Tìm thấy', not_found: 'Không tìm thấy', match: 'Khớp', no_match: 'Không khớp', failed: 'Lỗi kết nối',
};
