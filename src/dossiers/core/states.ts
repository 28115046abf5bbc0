// National dossier status codes (TrangThaiHoSo 1–10) as synced to DVCQG (domain.md §2.5, tag [S]: the code list
// of the open-source Thanh Hóa system, consistent with the 766 formula spec). The numeric codes are the wire values;
// `key` is the internal name used in code and tests.

/** Readable names for the codes, so the action table reads like the law and not like a list of numbers. */
export const S = {
  SUBMITTED: 1,
  RECEIVED: 2,
  NOT_RECEIVED: 3,
  PROCESSING: 4,
  SUPPLEMENT_REQUESTED: 5,
  FINANCIAL_OBLIGATION: 6,
  WITHDRAWN: 7,
  STOPPED: 8,
  PROCESSED: 9,
  RETURNED: 10,
} as const;

export type StateKey = keyof typeof S;
export type StateCode = (typeof S)[StateKey];

export interface StateInfo {
  readonly key: StateKey;
  /** Official Vietnamese name (TrangThaiHoSo). */
  readonly name: string;
  /** No action leads out of a terminal state. */
  readonly terminal: boolean;
}

export const STATES = {
  1: { key: 'SUBMITTED', name: 'Mới đăng ký', terminal: false },
  2: { key: 'RECEIVED', name: 'Được tiếp nhận', terminal: false },
  3: { key: 'NOT_RECEIVED', name: 'Không được tiếp nhận', terminal: true },
  4: { key: 'PROCESSING', name: 'Đang xử lý', terminal: false },
  5: { key: 'SUPPLEMENT_REQUESTED', name: 'Yêu cầu bổ sung giấy tờ', terminal: false },
  6: { key: 'FINANCIAL_OBLIGATION', name: 'Yêu cầu thực hiện nghĩa vụ tài chính', terminal: false },
  7: { key: 'WITHDRAWN', name: 'Công dân yêu cầu rút hồ sơ', terminal: true },
  8: { key: 'STOPPED', name: 'Dừng xử lý', terminal: true },
  // Not terminal: the decision or refusal still has to be delivered (state 10).
  9: { key: 'PROCESSED', name: 'Đã xử lý xong', terminal: false },
  10: { key: 'RETURNED', name: 'Đã trả kết quả', terminal: true },
} as const satisfies Record<StateCode, StateInfo>;

export const STATE_CODES: readonly StateCode[] = Object.values(S);

/** The pseudo-state of a dossier that does not exist yet (counter intake, online submission). */
export type FromState = StateCode | null;

export function isStateCode(value: unknown): value is StateCode {
  return typeof value === 'number' && Object.hasOwn(STATES, value);
}

export function isTerminal(state: StateCode): boolean {
  return STATES[state].terminal;
}

/** Vietnamese name of a state, or of the pseudo-state `null`. */
export function stateName(state: FromState): string {
  return state === null ? 'Chưa có hồ sơ' : STATES[state].name;
}
