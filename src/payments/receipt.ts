// The e-receipt of a settled order: reads its facts (the caller has already checked who may see the dossier)
// and renders the PDF with the documents module (src/documents/receipt-payment.ts, pdf.ts).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { Problem, notFound } from '../http/problem.ts';
import { orgFacts } from '../documents/store.ts';
import { buildPaymentReceipt } from '../documents/receipt-payment.ts';
import { renderPdf } from '../documents/pdf.ts';
import { procedureVersion } from '../catalogue/store.ts';
import { receiptFacts } from './store.ts';

export async function receiptPdf(db: Kysely<Database>, dossierId: string, ref: string, now: Date) {
  const row = await receiptFacts(db, dossierId, ref);
  if (!row) throw notFound('đơn thanh toán');
  if (row.kind !== 'paid') throw new Problem(409, 'NOT_PAID', 'Đơn thanh toán chưa được thanh toán nên chưa có biên lai.');
  const { org } = await orgFacts(db, row.commune_id, [row.actor_id]);
  const proc = await procedureVersion(db, row.procedure_code, row.procedure_version);
  const model = buildPaymentReceipt({
    org, entryId: String(row.id), orderRef: row.ref, method: row.method, amountVnd: Number(row.amount_vnd),
    description: row.description, paidAt: row.at, transactionNo: row.transaction_no, dossierCode: row.code,
    applicantName: row.applicant_name, procedureName: proc?.name ?? row.procedure_code,
    collectedBy: row.method === 'online' ? null : (org.staff.get(row.actor_id)?.name ?? null),
  }, now);
  return { fileName: model.fileName, pdf: await renderPdf(model) };
}
