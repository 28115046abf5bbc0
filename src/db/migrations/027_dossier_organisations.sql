-- Issue 12: the three organisations of a dossier (domain.md §2.2): where the citizen was helped (the support point),
-- where it was officially received (the receiving unit: the code prefix) and who decides (the competent authority).
-- A support point is the one-stop desk itself, or a place that helps citizens file online without receiving dossiers:
-- a community digital-technology team (Tổ công nghệ số cộng đồng), the commune's post office (bưu điện văn hóa xã).
CREATE TABLE support_points (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  commune_id text NOT NULL REFERENCES communes(id),
  code       text NOT NULL CHECK (code ~ '^[A-Z0-9_]{1,20}$'),
  name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind       text NOT NULL CHECK (kind IN ('desk', 'community_team', 'post_office', 'other')),
  unit_id    bigint REFERENCES units(id) UNIQUE,          -- the one-stop desk a 'desk' point is
  active     boolean NOT NULL DEFAULT true,
  UNIQUE (commune_id, code),
  CHECK ((kind = 'desk') = (unit_id IS NOT NULL))
);
INSERT INTO support_points (commune_id, code, name, kind, unit_id)
  SELECT commune_id, code, name, 'desk', id FROM units WHERE receives_dossiers;

ALTER TABLE dossiers ADD COLUMN support_point_id bigint REFERENCES support_points(id);
UPDATE dossiers d SET support_point_id = sp.id FROM support_points sp WHERE sp.unit_id = d.support_unit_id;
ALTER TABLE dossiers DROP COLUMN support_unit_id;

-- The code a dossier carries in the system it came from (MaHoSoKhac; the Thanh Hóa sync keeps it when a code does not
-- start with the province's identifier): one dossier per external code in a commune, so a repeated import is refused.
ALTER TABLE dossiers ADD COLUMN external_code text CHECK (length(external_code) BETWEEN 1 AND 60);
CREATE UNIQUE INDEX dossiers_external_code ON dossiers (commune_id, external_code) WHERE external_code IS NOT NULL;

GRANT SELECT, INSERT, UPDATE ON support_points TO xaso_app;
