-- Payments (issue 4): orders (immutable once written), their append-only ledger of state entries, and the log of
-- every gateway notification received (accepted or refused). The application role may only SELECT and INSERT;
-- triggers refuse UPDATE, DELETE and TRUNCATE even for the owner, like dossier_events.
CREATE TABLE payment_orders (
  ref          text PRIMARY KEY CHECK (ref ~ '^[A-Z0-9]{8,34}$'),      -- vnp_TxnRef
  dossier_id   uuid NOT NULL REFERENCES dossiers (id),
  commune_id   text NOT NULL REFERENCES communes (id),
  purpose      text NOT NULL CHECK (purpose IN ('fee_before', 'obligation')),
  method       text NOT NULL CHECK (method IN ('online', 'cash', 'exempt')),
  amount_vnd   bigint NOT NULL CHECK (amount_vnd >= 0),
  description  text NOT NULL,
  fee_codes    jsonb NOT NULL DEFAULT '[]',
  created_by   text NOT NULL,                                         -- 'citizen', staff id, or 'apikey:<id>'
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL
);
CREATE INDEX payment_orders_dossier ON payment_orders (dossier_id, created_at);
CREATE INDEX payment_orders_commune_day ON payment_orders (commune_id, created_at);

CREATE TABLE payment_entries (
  id             bigserial PRIMARY KEY,
  order_ref      text NOT NULL REFERENCES payment_orders (ref),
  kind           text NOT NULL CHECK (kind IN ('created', 'paid', 'failed', 'cancelled')),
  amount_vnd     bigint NOT NULL CHECK (amount_vnd >= 0),
  at             timestamptz NOT NULL,
  transaction_no text,                                                -- the gateway's vnp_TransactionNo
  actor_id       text NOT NULL,                                       -- 'gateway', staff id, 'citizen'
  recorded_at    timestamptz NOT NULL DEFAULT now()
);
-- One settlement per order: a repeated or concurrent notification cannot add a second one.
CREATE UNIQUE INDEX payment_entries_one_terminal ON payment_entries (order_ref) WHERE kind <> 'created';
CREATE INDEX payment_entries_at ON payment_entries (at) WHERE kind <> 'created';

CREATE TABLE payment_notifications (
  id           bigserial PRIMARY KEY,
  received_at  timestamptz NOT NULL DEFAULT now(),
  channel      text NOT NULL CHECK (channel IN ('ipn', 'return')),
  order_ref    text,                                                  -- as sent (may be unknown or forged)
  result       text NOT NULL CHECK (result IN ('recorded', 'replay', 'rejected', 'shown')),
  reason       text,
  rsp_code     text
);
CREATE INDEX payment_notifications_ref ON payment_notifications (order_ref, received_at);

CREATE FUNCTION payments_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER payment_orders_no_update BEFORE UPDATE OR DELETE ON payment_orders
  FOR EACH ROW EXECUTE FUNCTION payments_immutable();
CREATE TRIGGER payment_orders_no_truncate BEFORE TRUNCATE ON payment_orders
  FOR EACH STATEMENT EXECUTE FUNCTION payments_immutable();
CREATE TRIGGER payment_entries_no_update BEFORE UPDATE OR DELETE ON payment_entries
  FOR EACH ROW EXECUTE FUNCTION payments_immutable();
CREATE TRIGGER payment_entries_no_truncate BEFORE TRUNCATE ON payment_entries
  FOR EACH STATEMENT EXECUTE FUNCTION payments_immutable();

-- The "paid online" flag per dossier the indicators count (QĐ 766 chỉ tiêu 3.6, DuocThanhToanTrucTuyen = 2:
-- paid through a payment gateway): a dossier with at least one settled online order.
CREATE VIEW dossier_payments AS
  SELECT o.dossier_id,
         bool_or(o.method = 'online') AS paid_online,
         sum(e.amount_vnd)::bigint AS paid_vnd,
         max(e.at) AS last_paid_at
    FROM payment_orders o
    JOIN payment_entries e ON e.order_ref = o.ref AND e.kind = 'paid'
   GROUP BY o.dossier_id;

GRANT SELECT, INSERT ON payment_orders, payment_entries, payment_notifications TO xaso_app;
GRANT SELECT ON dossier_payments TO xaso_app;
GRANT USAGE, SELECT ON SEQUENCE payment_entries_id_seq, payment_notifications_id_seq TO xaso_app;
