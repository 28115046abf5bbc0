-- Issue 11: every dossier gets a short reference at creation, the online submission's receipt deadline, and the
-- e-form answers as dossier data.

-- ── The reference (mã tra cứu, src/dossiers/core/reference.ts) ─────────────────────────────────────────────────
-- HS-XXXX-XXXX: 8 characters of 23456789ABCDEFGHJKLMNPQRSTUVWXYZ (no 0/O, 1/I), each the low 5 bits of a random
-- byte of gen_random_uuid() (bytes 0-5 and 9-10: the ones without version or variant bits), so 40 random bits.
-- VOLATILE: it sees the rows its own statement wrote before, so a backfill never draws a reference twice.
CREATE FUNCTION dossier_reference() RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  alphabet constant text := '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  b bytea;
  s text;
  i integer;
BEGIN
  LOOP
    b := uuid_send(gen_random_uuid());
    s := '';
    FOREACH i IN ARRAY ARRAY[0, 1, 2, 3, 4, 5, 9, 10] LOOP
      s := s || substr(alphabet, 1 + (get_byte(b, i) & 31), 1);
    END LOOP;
    s := 'HS-' || substr(s, 1, 4) || '-' || substr(s, 5, 4);
    EXIT WHEN NOT EXISTS (SELECT 1 FROM dossiers WHERE reference = s);
  END LOOP;
  RETURN s;
END $$;

ALTER TABLE dossiers ADD COLUMN reference text;
CREATE UNIQUE INDEX dossiers_reference ON dossiers (reference);   -- the status lookup by reference
UPDATE dossiers SET reference = dossier_reference();
ALTER TABLE dossiers ALTER COLUMN reference SET DEFAULT dossier_reference(), ALTER COLUMN reference SET NOT NULL;

-- ── The receipt deadline of an online submission (src/dossiers/core/receipt.ts) ──────────────────────────────
-- A copy of the projection's receiptDueAt. Submissions made before this migration have none (their events were
-- written without it); the work list orders them by their submission time.
ALTER TABLE dossiers ADD COLUMN receipt_due_at timestamptz;

-- The work list's order (src/dossiers/store.ts inbox): dossiers awaiting receipt first, by their receipt deadline,
-- then the others by due time; undated last; the id breaks ties.
CREATE INDEX dossiers_work_order ON dossiers (commune_id, (state <> 1),
  (CASE WHEN state = 1 THEN coalesce(receipt_due_at, submitted_at) ELSE due_at END), id);

-- ── The declaration (tờ khai): e-form answers as dossier data (src/dossiers/core/declaration.ts) ──────────────
-- One row per revision: revision 1 is what the applicant declared at submission; a later revision (an officer's
-- correction, with its reason) adds a row, never changes one. `forms` holds, for every e-form component of the
-- procedure version, its definition as filed and the answers:
-- [{ componentCode, componentName, templateId, fields: FormField[], answers: { field: value } }].
CREATE TABLE dossier_answers (
  dossier_id        uuid NOT NULL REFERENCES dossiers (id),
  revision          integer NOT NULL CHECK (revision >= 1),
  source            text NOT NULL CHECK (source IN ('online', 'counter', 'correction')),
  procedure_version integer NOT NULL,
  forms             jsonb NOT NULL,
  recorded_at       timestamptz NOT NULL,
  recorded_by       text,                                   -- actor id of a correction; null for the applicant's own
  reason            text,                                   -- why a correction changed the declaration
  PRIMARY KEY (dossier_id, revision)
);

-- Dossiers filed through the portal before this migration: their answers were kept only in the submitted draft.
INSERT INTO dossier_answers (dossier_id, revision, source, procedure_version, forms, recorded_at)
SELECT x.id, 1, 'online', p.version,
       coalesce((SELECT jsonb_agg(jsonb_build_object(
                   'componentCode', c ->> 'code', 'componentName', c ->> 'name', 'templateId', c -> 'form' ->> 'templateId',
                   'fields', c -> 'form' -> 'fields', 'answers', coalesce(d.data -> 'form' -> (c ->> 'code'), '{}'::jsonb))
                 ORDER BY n)
                 FROM jsonb_array_elements(p.data -> 'components') WITH ORDINALITY AS e (c, n)
                 WHERE c ? 'form'), '[]'::jsonb),
       coalesce(x.submitted_at, d.updated_at)
  FROM drafts d
  JOIN dossiers x ON x.id = d.submitted_dossier_id
  JOIN procedures p ON p.code = x.procedure_code
                   AND p.version = coalesce((d.data ->> 'procedureVersion')::integer, x.procedure_version)
 WHERE d.submitted_dossier_id IS NOT NULL;

GRANT SELECT, INSERT ON dossier_answers TO xaso_app;
