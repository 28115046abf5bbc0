-- Units' yearly CCHC plans and periodic reports (issue 6): the coordinator (Phòng Văn hóa - Xã hội, plan section IV.2)
-- opens a report call (kỳ báo cáo) — the unit's yearly plan (due 15/01, plan section IV.1), a quarterly, annual or
-- ad hoc report — and each unit of the commune answers it with one submission (content by sections, evidence
-- files), reviewed by the coordinator: nháp → đã nộp → trả lại để sửa → đã nộp lại → đã chấp nhận.
CREATE TABLE report_calls (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commune_id     text NOT NULL REFERENCES communes (id),
  kind           text NOT NULL CHECK (kind IN ('unit_plan', 'quarterly', 'annual', 'ad_hoc')),
  title          text NOT NULL,
  period_year    integer NOT NULL CHECK (period_year BETWEEN 2020 AND 2100),
  period_quarter integer CHECK (period_quarter BETWEEN 1 AND 4),
  period_month   integer CHECK (period_month BETWEEN 1 AND 12),
  due_date       date NOT NULL,                           -- the last day to submit (Vietnam date)
  instructions   text,
  created_by     bigint REFERENCES staff (id),
  created_at     timestamptz NOT NULL
);
CREATE INDEX report_calls_commune_due ON report_calls (commune_id, due_date DESC);
-- One call per kind and period (ad hoc calls may repeat).
CREATE UNIQUE INDEX report_calls_one_per_period ON report_calls (commune_id, kind, period_year, coalesce(period_quarter, 0), coalesce(period_month, 0))
  WHERE kind <> 'ad_hoc';

CREATE TABLE unit_reports (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  call_id           uuid NOT NULL REFERENCES report_calls (id),
  commune_id        text NOT NULL REFERENCES communes (id),
  unit_id           bigint NOT NULL REFERENCES units (id),
  status            text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'returned', 'resubmitted', 'accepted')),
  content           jsonb NOT NULL DEFAULT '{}',
  first_submitted_at timestamptz,                         -- judged against the due date (late flag)
  last_submitted_at timestamptz,
  late_working_days integer,                              -- working days after the due date at the first submission; 0 = on time
  accepted_at       timestamptz,
  updated_at        timestamptz NOT NULL,
  UNIQUE (call_id, unit_id)
);
-- Unit staff read only their unit's rows: (commune_id, unit_id); the coordinator reads the commune's.
CREATE INDEX unit_reports_commune_unit ON unit_reports (commune_id, unit_id);

-- Append-only log of every step, with who and when.
CREATE TABLE unit_report_events (
  id        bigserial PRIMARY KEY,
  report_id uuid NOT NULL REFERENCES unit_reports (id),
  type      text NOT NULL CHECK (type IN ('saved', 'file_added', 'submitted', 'returned', 'resubmitted', 'accepted')),
  at        timestamptz NOT NULL,
  actor_id  bigint REFERENCES staff (id),
  note      text                                          -- the coordinator's reasons for a return; a file's name
);
CREATE INDEX unit_report_events_report ON unit_report_events (report_id, id);

-- Evidence files: the content is kept once in `files` (type checked by content, src/dossiers/uploads.ts).
CREATE TABLE unit_report_files (
  id          bigserial PRIMARY KEY,
  report_id   uuid NOT NULL REFERENCES unit_reports (id),
  file_name   text NOT NULL,
  sha256      text NOT NULL REFERENCES files (sha256),
  uploaded_by bigint REFERENCES staff (id),
  uploaded_at timestamptz NOT NULL
);
CREATE INDEX unit_report_files_report ON unit_report_files (report_id, id);

GRANT SELECT, INSERT ON report_calls TO xaso_app;
GRANT SELECT, INSERT, UPDATE ON unit_reports TO xaso_app;
GRANT SELECT, INSERT ON unit_report_events TO xaso_app;
GRANT USAGE ON SEQUENCE unit_report_events_id_seq TO xaso_app;
GRANT SELECT, INSERT ON unit_report_files TO xaso_app;
GRANT USAGE ON SEQUENCE unit_report_files_id_seq TO xaso_app;
