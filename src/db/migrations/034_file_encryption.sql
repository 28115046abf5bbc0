-- Issue 13: encryption at rest of stored files (NĐ 356/2025: sensitive personal data, e.g. ID-card images among a
-- dossier's attachments). Every row of files holds an envelope (src/vault/core/envelope.ts): `content` is the
-- AES-256-GCM ciphertext (‖ tag) under a data key of its own, `wrapped_key` that data key wrapped by the key-encryption
-- key of version `key_version`, a file of the key directory (vault-<n>.key), never in the database. `nonce`: the
-- content's GCM nonce. Rows written before this migration stay plaintext (all three NULL) until `xaso keys rotate`
-- seals them; `size` stays the plaintext's size and `sha256` its hash.
ALTER TABLE files
  ADD COLUMN key_version int CHECK (key_version > 0),
  ADD COLUMN wrapped_key bytea,
  ADD COLUMN nonce bytea,
  ADD CONSTRAINT files_envelope_whole CHECK (
    (key_version IS NULL AND wrapped_key IS NULL AND nonce IS NULL)
    OR (key_version IS NOT NULL AND wrapped_key IS NOT NULL AND nonce IS NOT NULL));

-- `xaso keys status` counts per version and a rotation finds the rows of older versions without reading contents.
CREATE INDEX files_key_version ON files (key_version, sha256);
