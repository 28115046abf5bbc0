-- Issue 11, "Trình ký": the signer a dossier's proposed result was submitted to (src/dossiers/core/actions.ts,
-- submit_for_signature). A copy of the projection's signatureRequestedOf, cleared when the signer approves and signs
-- or sends the proposal back. The partial index serves the signer's "awaiting my signature" list.
ALTER TABLE dossiers ADD COLUMN signature_requested_of bigint REFERENCES staff(id);
CREATE INDEX dossiers_awaiting_signature ON dossiers (commune_id, signature_requested_of)
  WHERE signature_requested_of IS NOT NULL;
