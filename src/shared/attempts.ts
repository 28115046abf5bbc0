// Attempt limits, the pure part (the counting is attempts-store.ts): a policy names a kind of subject, how many
// attempts one subject may make and the window they are counted in.

export interface AttemptPolicy {
  kind: string;
  max: number;
  windowMinutes: number;
}

/** One attempt against one subject (a dossier code, a username, a client address, a commune…). */
export interface Attempt {
  policy: AttemptPolicy;
  value: string;
}

/** Status lookups: 5 wrong second factors for one dossier code lock it for 15 minutes. */
export const LOOKUP_POLICY: AttemptPolicy = { kind: 'lookup', max: 5, windowMinutes: 15 };

/** What the caller is told while a subject is locked. */
export const lockedMessage = (p: AttemptPolicy) => `Đã nhập sai quá nhiều lần. Vui lòng thử lại sau ${p.windowMinutes} phút.`;
