// The demo's digital signatures (issue 11): a demo dossier's result is signed as a real one is, by the approval of the
// dossier service (src/dossiers/result-signing.ts → src/signatures/service.ts): a PAdES PDF signed by the commune's
// chair and by the commune, kept as the dossier's result file (KET_QUA) and verifiable at /xac-thuc.
// The demo always signs with the local test CA (src/outside/ca-standin.ts), whatever XASO_TEST_CA says: demo data
// have no legal value, and the stamp of every signed demo document says so.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { loadConfig } from '../config.ts';
import type { ResultSigning } from '../dossiers/result-signing.ts';
import { startCa } from '../outside/ca.ts';
import type { Outside } from '../outside/index.ts';
import { getCommune } from '../org/store.ts';
import { signingCredentials } from '../signatures/credentials.ts';
import { agencyOf } from '../signatures/core/document.ts';
import { signerOf } from '../signatures/store.ts';

/** What the demo's approvals sign with: the test CA, and the public address the QR codes point to. */
export async function demoSigning(publicUrl: string = loadConfig().publicUrl): Promise<ResultSigning> {
  const { settings: ca } = await startCa({ testCa: true, publicUrl });
  // Signing reads only the certificate authority of the outside services (signatures/service.ts, credentials.ts).
  const outside: Pick<Outside, 'ca'> = { ca };
  return { publicUrl, outside: outside as Outside };
}

/**
 * Issues the commune's and the signer's test certificates as of `at` (the start of the demo year), before the
 * dossiers are written a few at a time: every demo signature then falls within their validity, and concurrent
 * approvals find them instead of each issuing (and retiring) its own.
 */
export async function issueDemoCertificates(
  db: Kysely<Database>, signing: ResultSigning, communeId: string, signerStaffId: number, at: Date,
): Promise<void> {
  const [commune, signer] = await Promise.all([getCommune(db, communeId), signerOf(db, communeId, signerStaffId)]);
  if (!commune || !signer) return;
  await signingCredentials(db, signing.outside.ca, {
    commune, agency: agencyOf(commune.name), signer: { id: signer.id, fullName: signer.full_name, title: signer.title },
  }, at);
}
