-- The notification outbox (issue 4 § Notifications): one row per message and channel, written in the same
-- transaction as the dossier change it announces (src/notifications/enqueue.ts), delivered later by the worker
-- (src/notifications/worker.ts) with retries and backoff. `message_id` travels with the message (the e-mail's
-- Message-ID header, the SMS gateway's messageId), so a re-send after a crash is recognisable by the receiver.
-- The facts of the notice (names, times, reasons) are kept as JSON and rendered by core/messages.ts; no personal
-- ID number is ever stored here.
CREATE TABLE notifications (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  message_id       uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
  dossier_id       uuid NOT NULL REFERENCES dossiers(id),
  commune_id       text NOT NULL REFERENCES communes(id),
  event_seq        integer NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('status', 'supplement', 'apology', 'result', 'returned')),
  channel          text NOT NULL CHECK (channel IN ('email', 'sms', 'zalo')),
  recipient        text NOT NULL,
  facts            jsonb NOT NULL,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL,   -- due time of the next attempt; a claim pushes it by the lease
  last_error       text,
  created_at       timestamptz NOT NULL,
  delivered_at     timestamptz,
  UNIQUE (dossier_id, event_seq, channel)
);
CREATE INDEX notifications_due ON notifications (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX notifications_dossier ON notifications (dossier_id, id);
CREATE INDEX notifications_commune ON notifications (commune_id, id);

GRANT SELECT, INSERT, UPDATE ON notifications TO xaso_app;
