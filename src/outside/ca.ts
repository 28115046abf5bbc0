// Certificates for digital signatures: by default the local test CA (ca-standin.ts) issues the commune's and each
// signer's certificate when they have none. A real deployment sets XASO_TEST_CA=0 and imports each certificate with
// its key from a licensed CA's PKCS#12 file (POST /api/v1/signatures/credentials, administrators; README §
// Configuration); then nothing is signed with a test certificate, even one issued earlier.
import type { Connection, Started } from './types.ts';
import { testCa, type TestCa } from './ca-standin.ts';

/** Where the test CA's certificate can be downloaded (to trust it in a reader while testing). */
export const TEST_CA_CERTIFICATE_PATH = '/xac-thuc/chung-thu-thu-nghiem.crt';
/** Where an administrator imports a real certificate (PKCS#12). */
export const CREDENTIALS_PATH = '/api/v1/signatures/credentials';

export interface CaSettings {
  /** The test CA when it is on (it then also issues what is missing); null: imported certificates only. */
  testCa: TestCa | null;
  standIn: boolean;
}

export interface CaOptions {
  /** XASO_TEST_CA (default on); off → only imported certificates sign. */
  testCa: boolean;
  publicUrl: string;
}

export async function startCa(o: CaOptions): Promise<Started<CaSettings>> {
  const base = o.publicUrl.replace(/\/+$/, '');
  const connection: Connection = o.testCa
    ? { name: 'ca', url: `${base}${TEST_CA_CERTIFICATE_PATH}`, standIn: true }
    : { name: 'ca', url: `${base}${CREDENTIALS_PATH}`, standIn: false };
  return { settings: { testCa: o.testCa ? testCa : null, standIn: o.testCa }, connection, stop: async () => {} };
}
