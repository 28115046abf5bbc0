-- The national databases through the provincial platform (issue 15; TT 117/2026/TT-BCA, domain.md §9.1).
--
-- registry_lookups: every lookup in the population database and every verification in the civil-status database,
-- append-only: who (an officer, or a citizen pre-filling their own e-form), when, which registry, which dossier (or,
-- for a citizen's pre-fill, which draft), the purpose from a fixed list, the outcome. The subject is never kept in
-- clear: a keyed digest (HMAC-SHA256 under a server key: the same person gives the same digest, so an auditor can
-- find every lookup of one person, but the digest alone gives back no ID number), the last 4 digits and the name
-- the registry returned (or the name on the paper verified), so the administrator sees which person it was.
CREATE TABLE registry_lookups (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at              timestamptz NOT NULL,
  commune_id      text NOT NULL REFERENCES communes(id),
  staff_id        bigint REFERENCES staff(id),
  citizen_id      bigint REFERENCES citizens(id),
  registry        text NOT NULL CHECK (registry IN ('population', 'civil_status')),
  dossier_id      uuid REFERENCES dossiers(id),
  draft_id        uuid,                           -- a citizen's pre-fill (drafts are deleted once filed: no reference)
  purpose         text NOT NULL CHECK (purpose IN ('Tiếp nhận hồ sơ', 'Thẩm định hồ sơ', 'Kiểm tra thông tin người nộp', 'Điền sẵn tờ khai')),
  subject_digest  text NOT NULL,
  subject_masked  text NOT NULL,
  subject_name    text,
  outcome         text NOT NULL CHECK (outcome IN ('found', 'not_found', 'match', 'no_match', 'failed')),
  request_id      uuid NOT NULL UNIQUE,
  CHECK (num_nonnulls(staff_id, citizen_id) = 1),
  -- an officer always for a dossier; a citizen only to pre-fill their own draft
  CHECK ((staff_id IS NOT NULL AND dossier_id IS NOT NULL) OR (citizen_id IS NOT NULL AND draft_id IS NOT NULL AND purpose = 'Điền sẵn tờ khai'))
);
-- The administrator's log page: the commune's lookups newest first (keyset on at, id), by officer too.
CREATE INDEX registry_lookups_commune ON registry_lookups (commune_id, at DESC, id DESC);
CREATE INDEX registry_lookups_staff ON registry_lookups (commune_id, staff_id, at DESC, id DESC);
CREATE INDEX registry_lookups_dossier ON registry_lookups (dossier_id) WHERE dossier_id IS NOT NULL;
CREATE INDEX registry_lookups_draft ON registry_lookups (draft_id) WHERE draft_id IS NOT NULL;
CREATE INDEX registry_lookups_subject ON registry_lookups (subject_digest);
CREATE TRIGGER registry_lookups_no_update BEFORE UPDATE OR DELETE ON registry_lookups FOR EACH ROW EXECUTE FUNCTION append_only();
CREATE TRIGGER registry_lookups_no_truncate BEFORE TRUNCATE ON registry_lookups FOR EACH STATEMENT EXECUTE FUNCTION append_only();

-- dossier_registry_uses: data from a registry was USED in the dossier (an officer applied the pre-fill or confirmed a
-- matching verification; a citizen's e-form was pre-filled from it): one row per dossier and registry, with the code
-- sent to the national portal (DSKetNoiCSDL[].MaCSDL) and the first lookup it came from. Feeds 766 4.5.
CREATE TABLE dossier_registry_uses (
  dossier_id  uuid NOT NULL REFERENCES dossiers(id),
  registry    text NOT NULL CHECK (registry IN ('population', 'civil_status')),
  ma_csdl     text NOT NULL,
  lookup_id   bigint NOT NULL REFERENCES registry_lookups(id),
  used_at     timestamptz NOT NULL,
  PRIMARY KEY (dossier_id, registry)
);

GRANT SELECT, INSERT ON registry_lookups TO xaso_app;
GRANT SELECT, INSERT, UPDATE ON dossier_registry_uses TO xaso_app;
