-- The commune's administrative reform (CCHC) plan (issue 6): the five-year plan imported from its structured data
-- file (src/reform/seed/*.json), its six areas, goals and measurable targets, and the tasks with the "6 rõ"
-- (person, task, time, responsibility, authority, result), instantiated per year 2026–2030 (the annual plans).
-- Every item keeps its stable key (re-import updates, never duplicates) and its section of the document (ref).
CREATE TABLE reform_plans (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  commune_id   text NOT NULL REFERENCES communes (id),
  key          text NOT NULL,
  title        text NOT NULL,
  basis        text NOT NULL DEFAULT '',
  source       text NOT NULL DEFAULT '',                 -- the document it was taken from
  start_year   int NOT NULL,
  end_year     int NOT NULL CHECK (end_year >= start_year),
  coordinator_unit_id bigint REFERENCES units (id),      -- the standing body (Phòng Văn hóa - Xã hội)
  reminder_working_days int NOT NULL DEFAULT 3 CHECK (reminder_working_days BETWEEN 0 AND 30),
  notes        text NOT NULL DEFAULT '',
  imported_at  timestamptz NOT NULL,
  UNIQUE (commune_id, key)
);

CREATE TABLE reform_areas (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  plan_id   bigint NOT NULL REFERENCES reform_plans (id),
  key       text NOT NULL,
  ref       text NOT NULL,                                -- section of the document, e.g. II.2
  position  int NOT NULL,
  title     text NOT NULL,
  lead_unit_id bigint REFERENCES units (id),
  lead_ref  text NOT NULL DEFAULT '',                     -- where the plan gives it to that unit (IV.x)
  UNIQUE (plan_id, key)
);

CREATE TABLE reform_goals (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  plan_id   bigint NOT NULL REFERENCES reform_plans (id),
  area_id   bigint NOT NULL REFERENCES reform_areas (id),
  key       text NOT NULL,
  ref       text NOT NULL,
  position  int NOT NULL,
  text      text NOT NULL,
  UNIQUE (plan_id, key)
);

CREATE TABLE reform_targets (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  plan_id    bigint NOT NULL REFERENCES reform_plans (id),
  area_id    bigint NOT NULL REFERENCES reform_areas (id),
  key        text NOT NULL,
  ref        text NOT NULL,
  position   int NOT NULL,
  text       text NOT NULL,
  value      numeric NOT NULL,                            -- e.g. 95 (with unit '%')
  unit       text NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('at_least', 'reduce_by')),
  baseline   text,                                        -- for reduce_by: compared with what
  year       int NOT NULL,
  indicator_target text,                                  -- PLAN_TARGETS id (src/indicators/core/targets.ts)
  owner_unit_id bigint REFERENCES units (id),
  current_value numeric,                                  -- reported by the owner when no measure computes it
  current_note  text,
  current_evidence text,
  current_at    timestamptz,
  current_by    bigint REFERENCES staff (id),
  UNIQUE (plan_id, key)
);

-- Append-only: every value an owner reported for a target, with its evidence.
CREATE TABLE reform_target_updates (
  id         bigserial PRIMARY KEY,
  target_id  bigint NOT NULL REFERENCES reform_targets (id),
  value      numeric NOT NULL,
  note       text NOT NULL,
  evidence   text,
  at         timestamptz NOT NULL,
  actor_id   bigint REFERENCES staff (id)
);
CREATE INDEX reform_target_updates_target ON reform_target_updates (target_id, id);

CREATE TABLE reform_tasks (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  commune_id    text NOT NULL REFERENCES communes (id),
  plan_id       bigint NOT NULL REFERENCES reform_plans (id),
  key           text,                                     -- item key @ year for imported tasks; null for added sub-tasks
  item_key      text,                                     -- the plan item it comes from
  parent_id     bigint REFERENCES reform_tasks (id),
  area_id       bigint REFERENCES reform_areas (id),      -- null: section IV (organisation of the implementation)
  ref           text NOT NULL,
  year          int NOT NULL,                             -- the annual plan it belongs to
  recurrence    text NOT NULL CHECK (recurrence IN ('once', 'yearly')),
  title         text NOT NULL,                            -- rõ việc
  responsible_unit_id bigint REFERENCES units (id),       -- rõ trách nhiệm
  coordinating_unit_ids bigint[] NOT NULL DEFAULT '{}',
  assignee_id   bigint REFERENCES staff (id),             -- rõ người
  deadline      date NOT NULL,                            -- rõ thời gian
  authority_role text CHECK (authority_role IN ('unit_head', 'leader', 'cchc_coordinator')), -- rõ thẩm quyền
  authority_staff_id bigint REFERENCES staff (id),
  expected_result text NOT NULL DEFAULT '',               -- rõ kết quả
  status        text NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started', 'in_progress', 'awaiting_approval', 'done')),
  progress      int NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  completed_at  timestamptz,
  created_at    timestamptz NOT NULL,
  UNIQUE (plan_id, key),
  CHECK (authority_role IS NOT NULL OR authority_staff_id IS NOT NULL)
);
CREATE INDEX reform_tasks_commune_year ON reform_tasks (commune_id, year, deadline);
CREATE INDEX reform_tasks_commune_unit ON reform_tasks (commune_id, responsible_unit_id, deadline);
CREATE INDEX reform_tasks_assignee ON reform_tasks (commune_id, assignee_id) WHERE assignee_id IS NOT NULL;
CREATE INDEX reform_tasks_parent ON reform_tasks (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX reform_tasks_open_deadline ON reform_tasks (deadline) WHERE status <> 'done';

-- Append-only history of each task: every change, progress report (with evidence) and decision.
CREATE TABLE reform_task_events (
  id        bigserial PRIMARY KEY,
  task_id   bigint NOT NULL REFERENCES reform_tasks (id),
  type      text NOT NULL CHECK (type IN ('imported', 'reimported', 'created', 'assigned', 'progress', 'file_added', 'submitted', 'approved', 'returned')),
  at        timestamptz NOT NULL,
  actor_id  bigint REFERENCES staff (id),
  note      text,
  evidence  text,                                         -- links, document numbers, file names backing a report
  changes   jsonb
);
CREATE INDEX reform_task_events_task ON reform_task_events (task_id, id);

-- Evidence files of a task (the content is kept once in `files`, type checked by content: src/dossiers/uploads.ts).
CREATE TABLE reform_task_files (
  id          bigserial PRIMARY KEY,
  task_id     bigint NOT NULL REFERENCES reform_tasks (id),
  file_name   text NOT NULL,
  sha256      text NOT NULL REFERENCES files (sha256),
  uploaded_by bigint REFERENCES staff (id),
  uploaded_at timestamptz NOT NULL
);
CREATE INDEX reform_task_files_task ON reform_task_files (task_id, id);

-- Reminders before a deadline and escalations of overdue tasks, each sent once to each recipient.
CREATE TABLE reform_reminders (
  id           bigserial PRIMARY KEY,
  task_id      bigint NOT NULL REFERENCES reform_tasks (id),
  kind         text NOT NULL CHECK (kind IN ('reminder', 'escalation')),
  recipient_id bigint NOT NULL REFERENCES staff (id),
  deadline     date NOT NULL,                             -- the deadline it was about (a new deadline reminds again)
  sent_at      timestamptz NOT NULL,
  UNIQUE (task_id, kind, recipient_id, deadline)
);
CREATE INDEX reform_reminders_recipient ON reform_reminders (recipient_id, sent_at DESC);

GRANT SELECT, INSERT, UPDATE ON reform_plans, reform_areas, reform_goals, reform_targets, reform_tasks TO xaso_app;
GRANT SELECT, INSERT ON reform_target_updates, reform_task_events, reform_task_files, reform_reminders TO xaso_app;
GRANT USAGE ON SEQUENCE reform_plans_id_seq, reform_areas_id_seq, reform_goals_id_seq, reform_targets_id_seq, reform_tasks_id_seq,
  reform_target_updates_id_seq, reform_task_events_id_seq, reform_task_files_id_seq, reform_reminders_id_seq TO xaso_app;
