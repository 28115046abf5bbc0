// Limits on anonymous writes (issue 13, finding 10), by client address AND by target, counted with the attempt
// counters of attempts-store.ts (the same atomic UPSERT as the guessing locks: of simultaneous writes, at most `max`
// get through per window). The numbers are data: chosen so that a real commune never meets them, and documented
// in docs/architecture.md. A client address is shared by many citizens behind a mobile carrier's NAT or the commune
// office's network (a support point files for many), hence the address limits are wider than one person needs.
import type { Attempt, AttemptPolicy } from './attempts.ts';

export type WriteKind = 'petition' | 'submission' | 'draft' | 'rating' | 'reaction' | 'ipn';

/** Per kind of write: the limit by client address and the limit by target (commune, dossier, payment order). */
export const WRITE_LIMITS: Record<WriteKind, { byAddress: AttemptPolicy; byTarget: AttemptPolicy }> = {
  // Petitions start a statutory clock (NĐ 20/2008 Đ9: 10 working days to accept or refuse) that the commune's public
  // 766 score counts. A commune receives a few a month; 20 an hour is ten times its busiest day.
  petition: { byAddress: { kind: 'w-petition-ip', max: 10, windowMinutes: 60 }, byTarget: { kind: 'w-petition-commune', max: 20, windowMinutes: 60 } },
  // Online dossiers (POST /api/v1/public/submissions and the portal's "Nộp hồ sơ"): a support point helping
  // citizens files one every few minutes at most; a commune receives tens a day.
  submission: { byAddress: { kind: 'w-submit-ip', max: 30, windowMinutes: 10 }, byTarget: { kind: 'w-submit-commune', max: 300, windowMinutes: 60 } },
  // Portal drafts (started from a procedure page): drafts are kept for the citizen, so one address starting many is
  // only a burst of clicks.
  draft: { byAddress: { kind: 'w-draft-ip', max: 60, windowMinutes: 10 }, byTarget: { kind: 'w-draft-commune', max: 600, windowMinutes: 60 } },
  // Satisfaction ratings: one counts per dossier (ratings/), retries included.
  rating: { byAddress: { kind: 'w-rating-ip', max: 60, windowMinutes: 10 }, byTarget: { kind: 'w-rating-dossier', max: 10, windowMinutes: 60 } },
  // Likes and dislikes of a published answer: one per browser.
  reaction: { byAddress: { kind: 'w-reaction-ip', max: 120, windowMinutes: 10 }, byTarget: { kind: 'w-reaction-petition', max: 600, windowMinutes: 10 } },
  // The payment gateway's notifications: it retries each a few times (the stand-in 5); one address serves every order.
  ipn: { byAddress: { kind: 'w-ipn-ip', max: 600, windowMinutes: 10 }, byTarget: { kind: 'w-ipn-order', max: 20, windowMinutes: 10 } },
};

/** The attempts one write makes: one against the client's address, one against its target. */
export function writeAttempts(kind: WriteKind, address: string, target: string): Attempt[] {
  const l = WRITE_LIMITS[kind];
  return [{ policy: l.byAddress, value: address }, { policy: l.byTarget, value: target }];
}

/** The stable code of the 429 problem. */
export const RATE_LIMITED = 'RATE_LIMITED';

/** Minutes to tell a person, rounded up (at least 1). */
export const retryMinutes = (retryAfterSeconds: number) => Math.max(1, Math.ceil(retryAfterSeconds / 60));

/** What the person is told: that nothing is lost and when to send again. */
export const rateLimitedMessage = (retryAfterSeconds: number) =>
  `Hệ thống đang nhận quá nhiều yêu cầu cùng loại từ địa chỉ của bạn hoặc cho cùng một nơi nhận. Vui lòng gửi lại sau ${retryMinutes(retryAfterSeconds)} phút.`;
