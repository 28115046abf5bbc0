-- The national public-service portal (DVCQG) sync (issue 15; domain.md §10.2): an outbox written in the transaction
-- of every dossier change (src/sync/enqueue.ts), delivered in order per dossier by the worker (src/sync/worker.ts),
-- a per-dossier sync state for the administrator's screen and indicator 1.4, and the daily reconciliations of our
-- counts with the portal's.

-- One row per dossier that has something to sync. `next_seq` numbers the dossier's messages; `last_event_seq` is the
-- log entry the latest message reports and `prev_event_seq` the one before it (so a message carries the process
-- steps after the previous message's). `status`: pending (messages wait), failed (the head message was refused or
-- ran out of attempts; the portal's last answer kept), done (every message acknowledged).
CREATE TABLE dossier_sync (
  dossier_id       uuid PRIMARY KEY REFERENCES dossiers(id),
  commune_id       text NOT NULL REFERENCES communes(id),
  next_seq         integer NOT NULL,
  last_event_seq   integer NOT NULL,
  prev_event_seq   integer NOT NULL,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'failed', 'done')),
  acked_seq        integer NOT NULL DEFAULT 0,          -- the last message the portal acknowledged
  created_acked_at timestamptz,                         -- the portal acknowledged the dossier's create (indicator 1.4)
  last_code        text,                                -- the portal's last answer: error_code and message
  last_message     text,
  updated_at       timestamptz NOT NULL
);
-- The screen's list (per commune, by status, newest first) and its counts.
CREATE INDEX dossier_sync_screen ON dossier_sync (commune_id, status, updated_at DESC, dossier_id);

-- One row per message (a HoSo create or update, with the process steps since the previous message, sent in batches
-- of at most 10). `message_id` is stable: a re-send after a crash carries the same id and the portal keeps one copy.
-- `payload` is frozen at the first attempt (so every attempt sends the same bytes) and cleared once delivered (it
-- holds the applicant's ID number, which the contract requires and nothing else here keeps a second copy of).
CREATE TABLE sync_messages (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  message_id       uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
  dossier_id       uuid NOT NULL REFERENCES dossiers(id),
  commune_id       text NOT NULL REFERENCES communes(id),
  seq              integer NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('create', 'update')),
  event_seq        integer NOT NULL,                    -- the dossier as of this log entry
  first_step       integer NOT NULL,                    -- the first log entry sent as a process step
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL,
  payload          json,                                -- json, not jsonb: the exact text, so every attempt sends the same bytes
  last_code        text,
  last_error       text,
  created_at       timestamptz NOT NULL,
  delivered_at     timestamptz,
  UNIQUE (dossier_id, seq)
);
CREATE INDEX sync_messages_due ON sync_messages (next_attempt_at, id) WHERE status = 'pending';
-- Sent / acknowledged times for the lag figures and the screen's "last message".
CREATE INDEX sync_messages_commune ON sync_messages (commune_id, id);

-- Reconciliations: the daily one (at most one per commune and day, claimed by its insert, so two servers or a restart
-- never run it twice) and those asked for on the screen. `differences`: [{day, status, ours, portal}].
CREATE TABLE sync_reconciliations (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  commune_id       text NOT NULL REFERENCES communes(id),
  kind             text NOT NULL CHECK (kind IN ('daily', 'manual')),
  run_day          date NOT NULL,                       -- the Vietnam-local day it ran for
  from_day         date NOT NULL,
  to_day           date NOT NULL,
  ran_at           timestamptz NOT NULL,
  ran_by           integer REFERENCES staff(id),
  status           text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'error')),
  ours_total       integer,
  portal_total     integer,
  portal_counts    jsonb,                               -- [{day, status, n}] as the portal answered
  differences      jsonb,
  error            text
);
CREATE UNIQUE INDEX sync_reconciliations_daily ON sync_reconciliations (commune_id, run_day) WHERE kind = 'daily';
CREATE INDEX sync_reconciliations_latest ON sync_reconciliations (commune_id, id DESC);

GRANT SELECT, INSERT, UPDATE ON dossier_sync TO xaso_app;
-- DELETE: the retention purge removes delivered messages a year on (src/privacy/purge-store.ts).
GRANT SELECT, INSERT, UPDATE, DELETE ON sync_messages TO xaso_app;
GRANT SELECT, INSERT, UPDATE ON sync_reconciliations TO xaso_app;
