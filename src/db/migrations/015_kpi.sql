-- Civil-servant KPI under Nghị định 335/2025/NĐ-CP (domain.md §8): the effective-dated rule sets (points, weights,
-- deductions, bands, quota, conversion coefficients, the commune's ranking weights), one assessment per officer and
-- period (self-assessment → appraisal → approval) and the append-only log of its steps.

-- Rule sets: DATA, not constants. commune_id NULL = the default for every commune; a commune's own row (its
-- conversion coefficients, its ranking weights) wins from its effective_from.
CREATE TABLE kpi_rule_sets (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  commune_id     text REFERENCES communes (id),
  effective_from date NOT NULL,
  effective_to   date,
  rules          jsonb NOT NULL,
  legal_basis    text NOT NULL
);
CREATE UNIQUE INDEX kpi_rule_sets_scope_from ON kpi_rule_sets (COALESCE(commune_id, ''), effective_from);

INSERT INTO kpi_rule_sets (commune_id, effective_from, legal_basis, rules) VALUES (NULL, DATE '2026-01-01',
  'NĐ 335/2025/NĐ-CP (hiệu lực 01/01/2026): thang 100 điểm = tiêu chí chung 30 + kết quả thực hiện nhiệm vụ 70; a, b, c; trừ 25 %; mức 90/70/50; tỷ lệ xuất sắc 20 % (25 %). Nguồn thứ cấp [S], domain.md §8.1',
  $json${
    "generalMax": 30,
    "taskMax": 70,
    "general": [
      {"code": "chinh_tri", "label": "Phẩm chất chính trị", "max": 5},
      {"code": "dao_duc", "label": "Đạo đức, lối sống", "max": 5},
      {"code": "van_hoa_cong_vu", "label": "Văn hóa công vụ", "max": 4},
      {"code": "ky_luat", "label": "Ý thức tổ chức kỷ luật", "max": 4},
      {"code": "trach_nhiem", "label": "Tinh thần trách nhiệm", "max": 4},
      {"code": "thai_do_phuc_vu", "label": "Thái độ phục vụ người dân, doanh nghiệp", "max": 4},
      {"code": "doi_moi", "label": "Đổi mới, sáng tạo", "max": 4}
    ],
    "generalBasis": "NĐ 335/2025: danh mục tiêu chí chung (30 điểm); cách chia điểm giữa các tiêu chí chưa đối chiếu văn bản gốc (UNCERTAIN), là dữ liệu có thể sửa",
    "components": {"a": 1, "b": 1, "c": 1},
    "componentsBasis": "NĐ 335/2025: điểm kết quả nhiệm vụ (không giữ chức vụ quản lý) = (a + b + c) / 3, quy ra thang 70",
    "deduction": {"qualityPerError": 0.25, "timelinessPerDelay": 0.25},
    "deductionBasis": "NĐ 335/2025: mỗi lần không đạt yêu cầu do lỗi nội dung lớn trừ 25 % điểm chất lượng của sản phẩm; mỗi lần chậm tiến độ trừ 25 % điểm tiến độ của sản phẩm, trừ nguyên nhân khách quan",
    "bands": [
      {"rating": "excellent", "min": 90},
      {"rating": "good", "min": 70},
      {"rating": "completed", "min": 50}
    ],
    "bandsBasis": "NĐ 335/2025 Đ20 (theo nguồn thứ cấp): xuất sắc ≥ 90, tốt 70 – < 90, hoàn thành 50 – < 70, không hoàn thành < 50",
    "quota": {"percent": 20, "percentIfUnitExcellent": 25, "base": "good", "rounding": "floor"},
    "quotaBasis": "NĐ 335/2025: số xếp loại Hoàn thành xuất sắc nhiệm vụ không quá 20 % số được xếp loại Hoàn thành tốt nhiệm vụ trong cùng cơ quan, nhóm nhiệm vụ tương đồng; đến 25 % nếu đơn vị được đánh giá xuất sắc; “không quá” → làm tròn xuống",
    "conversion": {"dossier": 1, "dossierByField": {"DATDAI": 2, "XAYDUNG": 2, "DKKD": 1.5}, "planTask": 3},
    "conversionBasis": "Hệ số quy đổi sản phẩm do xã quy định (NĐ 335/2025: so sánh sản phẩm quy đổi); số liệu mẫu, lựa chọn của xã, không phải quy định pháp luật",
    "ranking": {"kpiAverage": 0.5, "onTimeRate": 0.3, "planTasks": 0.2},
    "rankingBasis": "Lựa chọn của xã (dữ liệu, không phải quy định pháp luật): điểm thi đua đơn vị = 50 % điểm KPI bình quân + 30 % tỷ lệ hồ sơ đúng hạn + 20 % tỷ lệ hoàn thành nhiệm vụ kế hoạch CCHC"
  }$json$::jsonb);

-- One assessment per officer and period. Created by the self-assessment; appraised by the manager; approved by the
-- leader, which freezes the figures and the result in `snapshot`.
CREATE TABLE kpi_assessments (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commune_id      text NOT NULL REFERENCES communes (id),
  staff_id        bigint NOT NULL REFERENCES staff (id),
  unit_id         bigint REFERENCES units (id),             -- the officer's unit when the assessment began
  period_kind     text NOT NULL CHECK (period_kind IN ('month', 'quarter')),
  year            integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  period_no       integer NOT NULL CHECK (period_no BETWEEN 1 AND 12),
  status          text NOT NULL CHECK (status IN ('self_assessed', 'appraised', 'approved')),
  self_note       text,
  self_general    jsonb NOT NULL DEFAULT '{}',              -- {criterion code: points} proposed by the officer
  appraisal_note  text,
  appraisal_general jsonb,                                  -- {criterion code: points} scored by the manager
  quality_errors  text[] NOT NULL DEFAULT '{}',             -- dossier codes failed for a major content error (one per error)
  excused         text[] NOT NULL DEFAULT '{}',             -- dossier codes whose delay had an objective cause
  manual_task     jsonb,                                    -- {a, b, c} in % when no tracked product exists
  disqualified    text,                                     -- reason of a disqualifying case (không hoàn thành nhiệm vụ)
  snapshot        jsonb,                                    -- frozen figures and result, set at approval
  total           double precision,                         -- result as of the last appraisal or approval
  rating          text,
  updated_at      timestamptz NOT NULL,
  UNIQUE (staff_id, period_kind, year, period_no)
);
CREATE INDEX kpi_assessments_scope ON kpi_assessments (commune_id, period_kind, year, period_no, unit_id);

-- Append-only log of the steps: who, when, what.
CREATE TABLE kpi_steps (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  assessment_id uuid NOT NULL REFERENCES kpi_assessments (id),
  step          text NOT NULL CHECK (step IN ('self_assess', 'appraise', 'approve')),
  actor_id      bigint NOT NULL REFERENCES staff (id),
  at            timestamptz NOT NULL,
  note          text,
  data          jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX kpi_steps_assessment ON kpi_steps (assessment_id, id);

-- The KPI figures read a period's dossiers by the instant that places them in a period: finished, or fallen due.
CREATE INDEX kpi_dossiers_counted_at ON dossiers (commune_id, (LEAST(finished_at, original_due_at)));

-- A unit's (or, with unit_id NULL, the commune People's Committee's) own rating for a year, as decided by the body that
-- rates it: "Hoàn thành xuất sắc nhiệm vụ" lifts the quota of excellent ratings of its staff from 20 % to 25 %
-- (NĐ 335/2025, domain.md §8.1). Recorded by the commune's leader; a new decision for the same year replaces it.
CREATE TABLE kpi_unit_ratings (
  commune_id  text NOT NULL REFERENCES communes (id),
  unit_id     bigint REFERENCES units (id),
  year        integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  excellent   boolean NOT NULL,
  set_by      bigint NOT NULL REFERENCES staff (id),
  set_at      timestamptz NOT NULL
);
CREATE UNIQUE INDEX kpi_unit_ratings_key ON kpi_unit_ratings (commune_id, year, COALESCE(unit_id, 0));

GRANT SELECT, INSERT, UPDATE ON kpi_unit_ratings TO xaso_app;
GRANT SELECT ON kpi_rule_sets TO xaso_app;
GRANT SELECT, INSERT, UPDATE ON kpi_assessments TO xaso_app;
GRANT SELECT, INSERT ON kpi_steps TO xaso_app;
