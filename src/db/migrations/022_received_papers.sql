-- Issue 11: the counter intake's checklist of the components received (thành phần hồ sơ đã nhận), with the number of
-- copies of each, recorded by the receiving officer with the dossier (src/dossiers/core/declaration.ts
-- checklistIssues; the receipt BM.01 lists them). One row per component received; written once, at receipt.
CREATE TABLE dossier_received_papers (
  dossier_id     uuid NOT NULL REFERENCES dossiers (id),
  component_code text NOT NULL,
  copies         integer NOT NULL CHECK (copies BETWEEN 1 AND 99),
  recorded_at    timestamptz NOT NULL,
  recorded_by    text NOT NULL,                              -- actor id of the receiving officer
  PRIMARY KEY (dossier_id, component_code)
);

GRANT SELECT, INSERT ON dossier_received_papers TO xaso_app;
