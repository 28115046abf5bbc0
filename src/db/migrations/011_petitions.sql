-- Petitions and feedback (phản ánh, kiến nghị: PAKN) about procedures, dossiers or staff, with the steps whose
-- statutory clocks Decision 766 5.2 judges (refuse ≤ 2, ask for more ≤ 5, handle ≤ 15, publish ≤ 2 working days;
-- domain.md §4 5.2) and the citizens' like/dislike of the published answer (5.3).
-- The petitioner's contact is personal data: kept minimal, never shown publicly, never logged.
CREATE TABLE petitions (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commune_id      text NOT NULL REFERENCES communes (id),
  reference       text NOT NULL UNIQUE,                    -- given to the petitioner, e.g. PAKN-2026-7KQ2MX
  procedure_code  text,                                    -- about a procedure (mã TTHC), optional
  dossier_code    text,                                    -- about a dossier, as given
  dossier_id      uuid REFERENCES dossiers (id),           -- the dossier, when the code was found in the commune
  about_staff     text,                                    -- about an officer (as named by the petitioner)
  content         text NOT NULL,
  petitioner_name text NOT NULL,
  petitioner_contact text,                                 -- phone or e-mail, for the answer (personal data)
  channel         text NOT NULL CHECK (channel IN ('portal', 'counter', 'phone', 'mail', 'forwarded')),
  received_at     timestamptz NOT NULL,                    -- the clock's start (sent, or forwarded by VPCP)
  unit_id         bigint REFERENCES units (id),            -- the unit it is assigned to
  assignee_id     bigint REFERENCES staff (id),
  refused_at      timestamptz,
  refuse_reason   text,
  asked_more_at   timestamptz,
  answered_at     timestamptz,
  answer          text,
  published_at    timestamptz,
  repeated_dissatisfied boolean NOT NULL DEFAULT false     -- the petitioner came back with the same matter (5.3)
);
CREATE INDEX petitions_commune_received ON petitions (commune_id, received_at);
CREATE INDEX petitions_commune_published ON petitions (commune_id, published_at) WHERE published_at IS NOT NULL;
CREATE INDEX petitions_dossier ON petitions (dossier_id) WHERE dossier_id IS NOT NULL;

-- Append-only log of every step.
CREATE TABLE petition_events (
  id          bigserial PRIMARY KEY,
  petition_id uuid NOT NULL REFERENCES petitions (id),
  type        text NOT NULL CHECK (type IN ('received', 'assigned', 'refused', 'asked_more', 'answered', 'published', 'reaction', 'repeated')),
  at          timestamptz NOT NULL,
  actor_id    bigint REFERENCES staff (id),              -- null: the citizen
  note        text
);
CREATE INDEX petition_events_petition ON petition_events (petition_id, id);

-- One reaction per person and answer: the voter is a hash of a random browser cookie (no personal data).
CREATE TABLE petition_reactions (
  petition_id uuid NOT NULL REFERENCES petitions (id),
  voter_hash  text NOT NULL,
  reaction    text NOT NULL CHECK (reaction IN ('like', 'dislike')),
  at          timestamptz NOT NULL,
  PRIMARY KEY (petition_id, voter_hash)
);

GRANT SELECT, INSERT, UPDATE ON petitions TO xaso_app;
GRANT SELECT, INSERT ON petition_events TO xaso_app;
GRANT USAGE ON SEQUENCE petition_events_id_seq TO xaso_app;
GRANT SELECT, INSERT ON petition_reactions TO xaso_app;
