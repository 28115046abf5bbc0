// Who handles money: the one-stop desk records cash; the desk, leaders, the CCHC coordinator and administrators read
// the daily reconciliation. Used by the API (payments/routes.ts) and the staff pages (src/web/staff/payments.tsx).
import type { StaffRole } from '../../identity/core/principal.ts';

/** Who records cash at the counter. */
export const CASH_ROLES: StaffRole[] = ['receiving_officer'];
/** Who reads the daily reconciliation. */
export const RECONCILE_ROLES: StaffRole[] = ['receiving_officer', 'leader', 'cchc_coordinator', 'admin'];
