// The time the one-stop desk has to receive or refuse an online submission (state 1 "Mới đăng ký"). Pure.
//
// QĐ 3142/QĐ-BGDĐT 2025 [S] (domain.md §2.7): online dossiers are received or refused within the working day; filed
// outside office hours, the clock starts at the next working time (also Nghị định 45/2020/NĐ-CP [M]: the receipt
// time is then the next working day). Our reading: one working day (8 working hours, HOURS_PER_WORKING_DAY) from
// the next working time after the submission, computed once by the calendar engine (computeDue) and kept in the
// event, like every deadline. A supplement asked for before receipt restarts it when it comes back.
import type { ProcessingTime } from '../../catalogue/core/types.ts';

export const RECEIPT_TIME: ProcessingTime = { unit: 'working_days', value: 1 };
