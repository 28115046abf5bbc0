-- Issue 13: who acted, as they were, and a keyed hash chain.
-- actor_name / actor_title: the staff member's name and title at the time of the action (renaming an officer later
-- does not rewrite who acted). Rows written before this migration keep NULL: the history shows the current name for them.
-- chain_version: how the row's hash is made (src/dossiers/core/hash-chain.ts):
--   1 = sha256 over the previous hash and the entry (rows written before this migration),
--   2 = HMAC-SHA256 with the chain key kept outside the database, over the previous hash and the entry with
--       {v: 2, actorName, actorTitle}. A version-1 row after a version-2 row of the same dossier is a break.
ALTER TABLE dossier_events
  ADD COLUMN actor_name    text,
  ADD COLUMN actor_title   text,
  ADD COLUMN chain_version smallint NOT NULL DEFAULT 1 CHECK (chain_version IN (1, 2));
