-- Citizen portal: resumable online-submission drafts and per-dossier satisfaction ratings.

CREATE TABLE drafts (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_hash           text NOT NULL,                 -- sha256 of the browser's draft cookie (or, later, the citizen's identity)
  commune_id           text NOT NULL REFERENCES communes(id),
  procedure_code       text NOT NULL,
  data                 jsonb NOT NULL DEFAULT '{}',   -- answers so far: applicant, form fields, note
  submitted_dossier_id uuid REFERENCES dossiers(id),
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX drafts_owner ON drafts (owner_hash, updated_at DESC);

CREATE TABLE draft_files (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  draft_id       uuid NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
  component_code text NOT NULL,
  file_name      text NOT NULL,
  sha256         text NOT NULL REFERENCES files(sha256),
  uploaded_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX draft_files_draft ON draft_files (draft_id);

-- One evaluation per dossier (domain.md §2.9), editable for a short window; issue 5 adds the criteria reports.
CREATE TABLE ratings (
  dossier_id  uuid PRIMARY KEY REFERENCES dossiers(id),
  overall     text NOT NULL CHECK (overall IN ('very_satisfied', 'satisfied', 'dissatisfied')),
  criteria    jsonb NOT NULL DEFAULT '{}',
  comment     text,
  channel     text NOT NULL CHECK (channel IN ('portal', 'qr', 'kiosk', 'sms')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT, INSERT, UPDATE, DELETE ON drafts, draft_files, ratings TO xaso_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO xaso_app;
