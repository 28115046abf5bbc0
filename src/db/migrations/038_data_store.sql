-- Issue 14: the citizen's data store (Kho quản lý dữ liệu điện tử của tổ chức, cá nhân; NĐ 45/2020/NĐ-CP Điều 16 as
-- amended by NĐ 118/2025 Điều 40 khoản 8) and the reuse of what it holds (once-only: an authority must not ask again
-- for a paper it already holds in a valid form).
--
-- store_items: one document of one owner, known by the owner's personal ID number (SoDinhDanhChuSoHuu), which is how
-- the e-identity account and the counter officer both find it. A result is pushed when its dossier is returned; a
-- digitised component the applicant submitted is pushed with it when the procedure gives it a document type. The
-- file is the one in `files` (encrypted at rest, vault/). A pushed item is never rewritten: a correction is a new
-- item, a deletion (of what is not a legal record) or a revocation sets `status` with its reason.
CREATE TABLE store_items (
  id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  owner_id_number       text NOT NULL CHECK (owner_id_number ~ '^[0-9]{12}$'),
  kind                  text NOT NULL CHECK (kind IN ('result', 'component')),
  type_code             text NOT NULL,                 -- MaKetQua / document type (catalogue/document-types.ts)
  type_name             text NOT NULL,                 -- as named when pushed
  issuer                text NOT NULL,                 -- cơ quan cấp / nơi nộp
  number_symbol         text,                          -- số, ký hiệu
  valid_from            date NOT NULL,
  valid_to              date,                          -- NULL: no end of validity
  sha256                text NOT NULL REFERENCES files(sha256),
  file_name             text NOT NULL,
  source_commune_id     text NOT NULL REFERENCES communes(id),
  source_dossier_id     uuid REFERENCES dossiers(id),
  source_component_code text,
  signed_code           text REFERENCES signed_documents(code), -- the e-result's verification code
  legal_record          boolean NOT NULL,              -- issued by an authority: deleted only by revocation, never on request
  status                text NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'revoked', 'deleted')),
  status_reason         text,
  status_at             timestamptz,
  created_at            timestamptz NOT NULL,
  CHECK ((status = 'valid') = (status_at IS NULL)),
  UNIQUE (source_dossier_id, kind, type_code, sha256)  -- a repeated push is one item
);
-- The owner's store (portal), the counter lookup and reuse while filing: by owner and type, newest first.
CREATE INDEX store_items_owner ON store_items (owner_id_number, type_code, valid_from DESC, id DESC);

-- A time-limited link to one item (the citizen shares one document, e.g. with a bank): only the token's sha256 is
-- kept; opening the link is logged in store_share_opens.
CREATE TABLE store_shares (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  item_id      bigint NOT NULL REFERENCES store_items(id),
  token_sha256 text NOT NULL UNIQUE,
  citizen_id   bigint NOT NULL REFERENCES citizens(id),
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz,
  CHECK (expires_at > created_at)
);
CREATE INDEX store_shares_item ON store_shares (item_id, created_at DESC);

CREATE TABLE store_share_opens (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  share_id  bigint NOT NULL REFERENCES store_shares(id),
  at        timestamptz NOT NULL
);
CREATE INDEX store_share_opens_share ON store_share_opens (share_id, at);

-- Every officer's look into a person's store, with who, when, why and for which dossier (TT 117/2026/TT-BCA: the
-- record of each use of population data). Append-only; the owner sees the lookups of their own store.
CREATE TABLE store_lookups (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  owner_id_number  text NOT NULL,
  staff_id         bigint NOT NULL REFERENCES staff(id),
  commune_id       text NOT NULL REFERENCES communes(id),
  dossier_id       uuid REFERENCES dossiers(id),
  reason           text NOT NULL CHECK (char_length(reason) BETWEEN 5 AND 500),
  found            integer NOT NULL,
  at               timestamptz NOT NULL
);
CREATE INDEX store_lookups_owner ON store_lookups (owner_id_number, at DESC);
CREATE INDEX store_lookups_commune ON store_lookups (commune_id, at DESC);
CREATE TRIGGER store_lookups_no_update BEFORE UPDATE OR DELETE ON store_lookups FOR EACH ROW EXECUTE FUNCTION append_only();
CREATE TRIGGER store_lookups_no_truncate BEFORE TRUNCATE ON store_lookups FOR EACH STATEMENT EXECUTE FUNCTION append_only();
CREATE TRIGGER store_share_opens_no_update BEFORE UPDATE OR DELETE ON store_share_opens FOR EACH ROW EXECUTE FUNCTION append_only();

-- A component taken from the store: which item (and so MaKetQuaThayThe, the code of the earlier result replacing the
-- component, 766 spec 4.3). A draft's file may come from the store too, before the dossier exists.
ALTER TABLE dossier_files ADD COLUMN store_item_id bigint REFERENCES store_items(id);
ALTER TABLE dossier_files ADD COLUMN replaces_with text;   -- MaKetQuaThayThe
ALTER TABLE draft_files ADD COLUMN store_item_id bigint REFERENCES store_items(id);

-- A citizen's request to correct or delete one item of their store goes through the personal-data requests (035).
ALTER TABLE privacy_requests ADD COLUMN store_item_id bigint REFERENCES store_items(id);

GRANT SELECT, INSERT, UPDATE ON store_items, store_shares TO xaso_app;
GRANT SELECT, INSERT ON store_lookups, store_share_opens TO xaso_app;
