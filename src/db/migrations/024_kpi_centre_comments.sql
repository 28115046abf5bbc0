-- Issue 12: the secondments to the one-stop centre and the centre comments (nhận xét của Trung tâm Phục vụ hành chính công). An officer seconded to the commune's
-- one-stop centre is rated by their home unit; the centre's head sends comments on them to that unit (Hải Phòng
-- QĐ 212/2025 Đ3 k7; NĐ 118/2025 Đ11, Đ12 k8; domain.md §2.1). One record per officer and KPI period (a month or a
-- quarter, as kpi_assessments): the centre's figures for the officer (computed from the dossier log, frozen here when
-- sent), comments on attitude and discipline, a proposed level; draft → sent, sent is final. The steps are logged.
-- Secondments (cử đến làm việc tại Trung tâm): the staff table has one unit per officer, and an officer who receives
-- dossiers must belong to a receiving unit (the centre), so the home unit of a seconded officer is recorded here, with
-- the term (12–36 months, NĐ 118/2025 Đ11, Đ12 k8). Recorded by the centre's head or the leader; during the term the
-- officer's KPI is appraised by the home unit's head, who receives the centre's comments.
CREATE TABLE kpi_secondments (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  commune_id   text NOT NULL REFERENCES communes (id),
  staff_id     bigint NOT NULL REFERENCES staff (id),
  home_unit_id bigint NOT NULL REFERENCES units (id),
  starts_on    date NOT NULL,
  ends_on      date,                                        -- last day, inclusive; NULL: until further notice
  decision     text,                                        -- the decision that seconded them (number, date), as given
  recorded_by  bigint NOT NULL REFERENCES staff (id),
  recorded_at  timestamptz NOT NULL,
  CHECK (ends_on IS NULL OR ends_on >= starts_on),
  UNIQUE (staff_id, starts_on)
);
CREATE INDEX kpi_secondments_scope ON kpi_secondments (commune_id, home_unit_id);

CREATE TABLE kpi_centre_comments (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commune_id      text NOT NULL REFERENCES communes (id),
  staff_id        bigint NOT NULL REFERENCES staff (id),
  home_unit_id    bigint REFERENCES units (id),             -- the officer's home unit when written (NULL: the People's Committee)
  period_kind     text NOT NULL CHECK (period_kind IN ('month', 'quarter')),
  year            integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  period_no       integer NOT NULL CHECK (period_no BETWEEN 1 AND 12),
  status          text NOT NULL CHECK (status IN ('draft', 'sent')),
  attitude        text NOT NULL DEFAULT '',                 -- thái độ phục vụ người dân, doanh nghiệp
  discipline      text NOT NULL DEFAULT '',                 -- ý thức tổ chức kỷ luật, chấp hành nội quy của Trung tâm
  other           text NOT NULL DEFAULT '',                 -- other comments
  proposed_rating text CHECK (proposed_rating IN ('excellent', 'good', 'completed', 'not_completed')),
  figures         jsonb,                                    -- the centre's figures, frozen when sent
  recipient       text,                                     -- to whom it was sent, as shown to users
  sent_at         timestamptz,
  sent_by         bigint REFERENCES staff (id),
  updated_at      timestamptz NOT NULL,
  UNIQUE (staff_id, period_kind, year, period_no)
);
CREATE INDEX kpi_centre_comments_scope ON kpi_centre_comments (commune_id, period_kind, year, period_no);

-- Append-only: who saved or sent, when, with what content.
CREATE TABLE kpi_centre_comment_steps (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  comment_id  uuid NOT NULL REFERENCES kpi_centre_comments (id),
  step        text NOT NULL CHECK (step IN ('save', 'send')),
  actor_id    bigint NOT NULL REFERENCES staff (id),
  at          timestamptz NOT NULL,
  data        jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX kpi_centre_comment_steps_comment ON kpi_centre_comment_steps (comment_id, id);

GRANT SELECT, INSERT, UPDATE ON kpi_secondments TO xaso_app;
GRANT SELECT, INSERT, UPDATE ON kpi_centre_comments TO xaso_app;
GRANT SELECT, INSERT ON kpi_centre_comment_steps TO xaso_app;
