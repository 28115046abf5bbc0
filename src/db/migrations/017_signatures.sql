-- Digital signatures on electronic results (issue 11): the certificates the server signs with, each with its private
-- key sealed, and every document it signed, verifiable by its code at /xac-thuc.
-- NĐ 45/2020/NĐ-CP Điều 14 (as amended by NĐ 107/2021/NĐ-CP): an e-result carries the digital signatures of the
-- competent person and agency; Luật Giao dịch điện tử 2023 and NĐ 130/2018/NĐ-CP: digital signatures, certificates.

-- A certificate with its private key: the local test CA's own ('ca'), a commune's ('organisation') or a signer's
-- ('person'). Issued by the test CA (source 'test_ca') or imported from a real CA's PKCS#12 ('imported'). The key is
-- PKCS#8 DER sealed with AES-256-GCM under the server secret "signing-key" (iv ‖ tag ‖ ciphertext, the additional
-- data binds it to the fingerprint); the certificates are public. A holder has one current credential; importing a
-- new one retires the old (retired_at), which stays for the documents it signed. Nothing else changes: the
-- application role may only update retired_at.
CREATE TABLE signing_credentials (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('ca', 'organisation', 'person')),
  source       text NOT NULL CHECK (source IN ('test_ca', 'imported')),
  commune_id   text REFERENCES communes (id),
  staff_id     bigint REFERENCES staff (id),
  subject      text NOT NULL,                        -- the certificate's subject, readable (RFC 4514-like)
  issuer       text NOT NULL,
  serial       text NOT NULL,                        -- hex
  fingerprint  text NOT NULL UNIQUE CHECK (fingerprint ~ '^[0-9a-f]{64}$'),  -- sha256 of the certificate (DER)
  not_before   timestamptz NOT NULL,
  not_after    timestamptz NOT NULL,
  certificate  text NOT NULL,                        -- PEM
  chain        text NOT NULL DEFAULT '',             -- PEM of the issuers, nearest first (may be empty)
  key_sealed   bytea NOT NULL,
  created_by   bigint REFERENCES staff (id),         -- the administrator who imported it
  created_at   timestamptz NOT NULL DEFAULT now(),
  retired_at   timestamptz,
  CHECK ((kind = 'ca') = (commune_id IS NULL)),
  CHECK ((kind = 'person') = (staff_id IS NOT NULL)),
  CHECK (kind <> 'ca' OR source = 'test_ca')
);
-- One current credential per holder (and one current test CA): a second process issuing at the same moment loses
-- its insert (ON CONFLICT DO NOTHING) and takes the winner's.
CREATE UNIQUE INDEX signing_credentials_one_ca ON signing_credentials ((kind)) WHERE kind = 'ca' AND retired_at IS NULL;
CREATE UNIQUE INDEX signing_credentials_one_organisation ON signing_credentials (commune_id)
  WHERE kind = 'organisation' AND retired_at IS NULL;
CREATE UNIQUE INDEX signing_credentials_one_person ON signing_credentials (staff_id) WHERE kind = 'person' AND retired_at IS NULL;

-- Every document the server signed. The signed file is in files (by sha256); the signer and agency are copied as
-- they were at signing. Immutable: a revocation or replacement is a row of signed_document_status.
CREATE TABLE signed_documents (
  code                 text PRIMARY KEY CHECK (code ~ '^[2-9A-HJKMNP-TV-Z]{10}$'),  -- mã xác thực, without dashes
  commune_id           text NOT NULL REFERENCES communes (id),
  dossier_id           uuid REFERENCES dossiers (id),
  title                text NOT NULL,
  sha256               text NOT NULL REFERENCES files (sha256),
  size                 integer NOT NULL,
  signer_staff_id      bigint NOT NULL REFERENCES staff (id),
  signer_name          text NOT NULL,
  signer_title         text NOT NULL,
  agency               text NOT NULL,
  signer_credential_id bigint NOT NULL REFERENCES signing_credentials (id),
  agency_credential_id bigint NOT NULL REFERENCES signing_credentials (id),
  test_certificates    boolean NOT NULL,             -- signed with the test CA's certificates: no legal value
  replaces             text REFERENCES signed_documents (code),
  signed_at            timestamptz NOT NULL,
  created_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX signed_documents_sha256 ON signed_documents (sha256);
CREATE INDEX signed_documents_dossier ON signed_documents (dossier_id) WHERE dossier_id IS NOT NULL;
CREATE INDEX signed_documents_commune ON signed_documents (commune_id, signed_at);

-- A document's end: revoked (thu hồi) or replaced (thay thế) by another, at most once (the primary key), never undone.
CREATE TABLE signed_document_status (
  code         text PRIMARY KEY REFERENCES signed_documents (code),
  status       text NOT NULL CHECK (status IN ('revoked', 'replaced')),
  reason       text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
  replaced_by  text REFERENCES signed_documents (code),
  by_staff_id  bigint NOT NULL REFERENCES staff (id),
  at           timestamptz NOT NULL,
  CHECK ((status = 'replaced') = (replaced_by IS NOT NULL)),
  CHECK (replaced_by IS DISTINCT FROM code)
);

CREATE FUNCTION signatures_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER signed_documents_no_update BEFORE UPDATE OR DELETE ON signed_documents
  FOR EACH ROW EXECUTE FUNCTION signatures_append_only();
CREATE TRIGGER signed_documents_no_truncate BEFORE TRUNCATE ON signed_documents
  FOR EACH STATEMENT EXECUTE FUNCTION signatures_append_only();
CREATE TRIGGER signed_document_status_no_update BEFORE UPDATE OR DELETE ON signed_document_status
  FOR EACH ROW EXECUTE FUNCTION signatures_append_only();
CREATE TRIGGER signed_document_status_no_truncate BEFORE TRUNCATE ON signed_document_status
  FOR EACH STATEMENT EXECUTE FUNCTION signatures_append_only();

GRANT SELECT, INSERT ON signing_credentials, signed_documents, signed_document_status TO xaso_app;
GRANT UPDATE (retired_at) ON signing_credentials TO xaso_app;
GRANT USAGE, SELECT ON SEQUENCE signing_credentials_id_seq TO xaso_app;
