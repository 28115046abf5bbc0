-- Issue 16: location-independent receipt (phi địa giới; NĐ 118/2025, domain.md §2.2). A commune's centre receives a
-- dossier for another commune's authority, digitises it and transfers it; the competent commune processes it; the
-- result goes back where the citizen asked. `commune_id` stays "the commune holding the dossier" (after a transfer: the
-- competent one, whose staff process it, in whose figures it counts); `receiving_commune_id` is the commune whose
-- centre officially received it (the code prefix's), never changed.
ALTER TABLE dossiers ADD COLUMN receiving_commune_id text REFERENCES communes(id);
UPDATE dossiers SET receiving_commune_id = commune_id;
ALTER TABLE dossiers ALTER COLUMN receiving_commune_id SET NOT NULL;
-- Every way a dossier is created (intake, the national portal, an import, the demo) receives it in its own commune
-- unless it says otherwise.
CREATE FUNCTION dossiers_receiving_commune() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.receiving_commune_id := coalesce(NEW.receiving_commune_id, NEW.commune_id);
  RETURN NEW;
END $$;
CREATE TRIGGER dossiers_receiving_commune BEFORE INSERT ON dossiers
  FOR EACH ROW EXECUTE FUNCTION dossiers_receiving_commune();
-- The receiving commune's list of the dossiers it received for others (progress view): only transferred rows.
CREATE INDEX dossiers_received_for_others ON dossiers (receiving_commune_id, state, due_at, id)
  WHERE receiving_commune_id <> commune_id;

-- Paper that travels between the two communes: the originals (receiving → competent) and the paper result
-- (competent → receiving), each sent and received by a named officer; the history carries the same hand-overs.
CREATE TABLE dossier_paper_transfers (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dossier_id      uuid NOT NULL REFERENCES dossiers(id),
  kind            text NOT NULL CHECK (kind IN ('originals', 'result')),
  from_commune_id text NOT NULL REFERENCES communes(id),
  to_commune_id   text NOT NULL REFERENCES communes(id),
  papers          text NOT NULL CHECK (length(papers) BETWEEN 1 AND 2000),
  carrier         text NOT NULL CHECK (length(carrier) BETWEEN 1 AND 500),
  sent_at         timestamptz NOT NULL,
  sent_by         bigint NOT NULL REFERENCES staff(id),
  received_at     timestamptz,
  received_by     bigint REFERENCES staff(id),
  CHECK (from_commune_id <> to_commune_id),
  CHECK ((received_at IS NULL) = (received_by IS NULL))
);
CREATE INDEX dossier_paper_transfers_dossier ON dossier_paper_transfers (dossier_id, id);
-- "Hồ sơ giấy đang chuyển đến": what a commune's desk must receive.
CREATE INDEX dossier_paper_transfers_incoming ON dossier_paper_transfers (to_commune_id, sent_at) WHERE received_at IS NULL;
-- At most one parcel of a dossier on the road at a time.
CREATE UNIQUE INDEX dossier_paper_transfers_one_open ON dossier_paper_transfers (dossier_id) WHERE received_at IS NULL;

GRANT SELECT, INSERT ON dossier_paper_transfers TO xaso_app;
GRANT UPDATE (received_at, received_by) ON dossier_paper_transfers TO xaso_app;
