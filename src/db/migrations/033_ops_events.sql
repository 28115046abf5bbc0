-- Issue 13: the operations the administrator's security self-check reads: backups taken, restore drills run, keys
-- rotated. Written by the command that did the work (xaso backup / restore --drill / keys rotate), in the database it
-- worked on; append-only like the other trails (migration 030). `ok` false records a failed attempt, with the reason
-- in detail.error; detail never holds a secret.
CREATE TABLE ops_events (
  id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind    text NOT NULL CHECK (kind IN ('backup', 'restore_drill', 'key_rotation')),
  at      timestamptz NOT NULL DEFAULT now(),
  ok      boolean NOT NULL,
  detail  jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX ops_events_kind_at ON ops_events (kind, at DESC);

CREATE TRIGGER ops_events_no_update BEFORE UPDATE OR DELETE ON ops_events
  FOR EACH ROW EXECUTE FUNCTION append_only();
CREATE TRIGGER ops_events_no_truncate BEFORE TRUNCATE ON ops_events
  FOR EACH STATEMENT EXECUTE FUNCTION append_only();

GRANT SELECT, INSERT ON ops_events TO xaso_app;
