// Kysely table types of digital signatures, joined into Database (src/db/schema.ts).
// Migration: src/db/migrations/017_signatures.sql.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type CredentialKind = 'ca' | 'organisation' | 'person';
export type CredentialSource = 'test_ca' | 'imported';

export interface SigningCredentialsTable {
  id: Generated<number>;
  kind: CredentialKind;
  source: CredentialSource;
  commune_id: string | null;
  staff_id: number | null;
  subject: string;
  issuer: string;
  serial: string;
  fingerprint: string;
  not_before: Timestamp;
  not_after: Timestamp;
  certificate: string;
  chain: ColumnType<string, string | undefined, string>;
  key_sealed: Buffer;
  created_by: number | null;
  created_at: DefaultTimestamp;
  retired_at: Timestamp | null;
}

export interface SignedDocumentsTable {
  code: string;
  commune_id: string;
  dossier_id: string | null;
  title: string;
  sha256: string;
  size: number;
  signer_staff_id: number;
  signer_name: string;
  signer_title: string;
  agency: string;
  signer_credential_id: number;
  agency_credential_id: number;
  test_certificates: boolean;
  replaces: string | null;
  signed_at: Timestamp;
  created_at: DefaultTimestamp;
}

export interface SignedDocumentStatusTable {
  code: string;
  status: 'revoked' | 'replaced';
  reason: string;
  replaced_by: string | null;
  by_staff_id: number;
  at: Timestamp;
}

export interface SignatureTables {
  signing_credentials: SigningCredentialsTable;
  signed_documents: SignedDocumentsTable;
  signed_document_status: SignedDocumentStatusTable;
}
