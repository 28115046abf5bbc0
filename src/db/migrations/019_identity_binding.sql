-- Identity bound to the dossier (src/identity/citizens/core/filing.ts, core/desk-id.ts).
--
-- eid_filings: an online dossier filed by a citizen logged in with e-identity, as the ID token proved them (the
-- dossier's authenticated_with_eid flag stands on it, and "Hồ sơ của tôi" lists the dossiers a citizen filed from it).
-- on_behalf: filed for someone else (nộp thay): the applicant is that person, and the filer is their authorised person
-- (người được ủy quyền, the receipt BM.01).
CREATE TABLE eid_filings (
  dossier_id  uuid PRIMARY KEY REFERENCES dossiers(id),
  citizen_id  bigint NOT NULL REFERENCES citizens(id),
  full_name   text NOT NULL,
  id_number   text NOT NULL,                           -- the filer's số định danh cá nhân, from the ID token
  on_behalf   boolean NOT NULL
);
CREATE INDEX eid_filings_citizen ON eid_filings (citizen_id);

-- desk_id_waivers: a dossier received at the counter without the applicant's ID number, and why, as the receiving
-- officer recorded it. Such a dossier is looked up by the last 4 digits of the applicant's phone instead.
CREATE TABLE desk_id_waivers (
  dossier_id   uuid PRIMARY KEY REFERENCES dossiers(id),
  reason       text NOT NULL CHECK (reason IN ('not_issued', 'child', 'foreigner', 'other')),
  detail       text CHECK (char_length(detail) <= 500),
  recorded_by  bigint NOT NULL REFERENCES staff(id),
  recorded_at  timestamptz NOT NULL
);

GRANT SELECT, INSERT ON eid_filings, desk_id_waivers TO xaso_app;
