-- Issue 13: the citizen's personal-data rights (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15, Điều 4: to know, view and
-- correct, to ask for deletion or restriction, to object; Nghị định 356/2025/NĐ-CP: an answer within 2 working days).
-- A logged-in citizen sends a request to the commune of the portal; staff answer it (done: what was corrected, or
-- refused: why). The request row holds the current state; every step is appended to privacy_request_events, which is
-- append-only (no silent edit of an answer).
CREATE TABLE privacy_requests (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commune_id   text NOT NULL REFERENCES communes(id),
  citizen_id   bigint NOT NULL REFERENCES citizens(id),
  kind         text NOT NULL CHECK (kind IN ('correction', 'deletion', 'restriction', 'objection', 'provision', 'other')),
  item         text CHECK (char_length(item) <= 200),            -- correction: which item
  wrong_value  text CHECK (char_length(wrong_value) <= 1000),    -- correction: what is wrong
  right_value  text CHECK (char_length(right_value) <= 1000),    -- correction: the right value
  detail       text CHECK (char_length(detail) <= 4000),
  status       text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'done', 'refused')),
  received_at  timestamptz NOT NULL,
  due_at       timestamptz NOT NULL,                              -- 2 working days after receipt, commune calendar
  answered_at  timestamptz,
  answer       text CHECK (char_length(answer) <= 4000),
  answered_by  bigint REFERENCES staff(id),
  CHECK ((status = 'received') = (answered_at IS NULL))
);
-- The staff list: one commune, open first, by due time.
CREATE INDEX privacy_requests_commune ON privacy_requests (commune_id, status, due_at, id);
CREATE INDEX privacy_requests_citizen ON privacy_requests (citizen_id, received_at DESC);

CREATE TABLE privacy_request_events (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  request_id  uuid NOT NULL REFERENCES privacy_requests(id),
  seq         integer NOT NULL,
  at          timestamptz NOT NULL,
  action      text NOT NULL CHECK (action IN ('submit', 'complete', 'refuse')),
  to_status   text NOT NULL,
  actor_kind  text NOT NULL CHECK (actor_kind IN ('citizen', 'staff')),
  actor_id    bigint NOT NULL,
  actor_name  text NOT NULL,                                    -- as they were named then
  text        text,
  UNIQUE (request_id, seq)
);
CREATE TRIGGER privacy_request_events_no_update BEFORE UPDATE OR DELETE ON privacy_request_events
  FOR EACH ROW EXECUTE FUNCTION append_only(); -- migration 030
CREATE TRIGGER privacy_request_events_no_truncate BEFORE TRUNCATE ON privacy_request_events
  FOR EACH STATEMENT EXECUTE FUNCTION append_only();

GRANT SELECT, INSERT ON privacy_requests TO xaso_app;
GRANT UPDATE (status, answered_at, answer, answered_by) ON privacy_requests TO xaso_app;
GRANT SELECT, INSERT ON privacy_request_events TO xaso_app;
GRANT USAGE ON SEQUENCE privacy_request_events_id_seq TO xaso_app;

-- The retention job (src/privacy/purge.ts) removes delivered and failed notices after their period.
GRANT DELETE ON notifications TO xaso_app;

-- "What is held about me" and the account purge find a citizen's dossiers by their ID number.
CREATE INDEX dossiers_applicant_id_number ON dossiers (applicant_id_number) WHERE applicant_id_number IS NOT NULL;
