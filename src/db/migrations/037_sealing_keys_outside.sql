-- Issue 13: second-factor secrets and signers' private keys are sealed under a key derived from the secret key kept
-- outside the database (shared/secrets-store.ts sealingKeys()). The server seals the values an earlier release stored
-- under the database's own key again at its start, as the application role: it may now rewrite a credential's sealed
-- key (only that column; staff_totp was already writable).
GRANT UPDATE (key_sealed) ON signing_credentials TO xaso_app;
