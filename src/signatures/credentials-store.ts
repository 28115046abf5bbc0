// Signing credentials (table signing_credentials): a certificate with its private key, for the test CA itself, a
// commune (organisation) or a signer (person). The key is sealed here on the way in and opened on the way out
// (AES-256-GCM under a key derived from the secret key kept outside the database, secrets-store.ts sealingKeys(),
// bound to the certificate's fingerprint: shared/seal.ts); it is
// never logged nor returned by the API. SQL only; the service (credentials.ts) decides what to issue or import.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { sealingKeys } from '../shared/secrets-store.ts';
import { seal, unsealEither } from '../shared/seal.ts';
import type { CredentialKind, CredentialSource } from './tables.ts';

type Db = Kysely<Database>;

const signingKeys = (db: Db) => sealingKeys(db, 'signing-key');
const aadOf = (fingerprint: string) => `signing-credential:${fingerprint}`;

export type Holder = { kind: 'ca' } | { kind: 'organisation'; communeId: string } | { kind: 'person'; communeId: string; staffId: number };

export interface Credential {
  id: number;
  kind: CredentialKind;
  source: CredentialSource;
  communeId: string | null;
  staffId: number | null;
  subject: string;
  issuer: string;
  serial: string;
  fingerprint: string;
  notBefore: Date;
  notAfter: Date;
  certificatePem: string;
  /** The issuers' certificates (PEM), nearest first; may be empty. */
  chainPem: string;
  createdAt: Date;
}

/** A credential to store: the certificate's fields as read back, its holder, and its private key (sealed on write). */
export interface NewCredential
  extends Pick<Credential, 'source' | 'subject' | 'issuer' | 'serial' | 'fingerprint' | 'notBefore' | 'notAfter' | 'certificatePem' | 'chainPem'> {
  holder: Holder;
  keyDer: Buffer;
  createdBy: number | null;
}

const COLUMNS = [
  'id', 'kind', 'source', 'commune_id', 'staff_id', 'subject', 'issuer', 'serial', 'fingerprint', 'not_before', 'not_after',
  'certificate', 'chain', 'created_at',
] as const;

type Row = Pick<Database['signing_credentials'], (typeof COLUMNS)[number]> & { id: number; chain: string; created_at: Date; not_before: Date; not_after: Date };

const toCredential = (r: Row): Credential => ({
  id: r.id, kind: r.kind, source: r.source, communeId: r.commune_id, staffId: r.staff_id, subject: r.subject, issuer: r.issuer,
  serial: r.serial, fingerprint: r.fingerprint, notBefore: r.not_before, notAfter: r.not_after, certificatePem: r.certificate,
  chainPem: r.chain, createdAt: r.created_at,
});

function current(db: Db, h: Holder) {
  let q = db.selectFrom('signing_credentials').where('kind', '=', h.kind).where('retired_at', 'is', null);
  if (h.kind === 'organisation') q = q.where('commune_id', '=', h.communeId);
  if (h.kind === 'person') q = q.where('staff_id', '=', h.staffId);
  return q;
}

/** The holder's current credential, or undefined. */
export async function currentCredential(db: Db, h: Holder): Promise<Credential | undefined> {
  const r = await current(db, h).select(COLUMNS).executeTakeFirst();
  return r ? toCredential(r as Row) : undefined;
}

/** The credential's private key (PKCS#8 DER). */
export async function credentialKey(db: Db, c: { id: number; fingerprint: string }): Promise<Buffer> {
  const r = await db.selectFrom('signing_credentials').select('key_sealed').where('id', '=', c.id).executeTakeFirstOrThrow();
  return unsealEither(await signingKeys(db), r.key_sealed, aadOf(c.fingerprint)).plain;
}

/** Seals again under the current key every private key an earlier release sealed under the database's key (at
 *  start); returns how many. */
export async function resealSigningKeys(db: Db): Promise<number> {
  const keys = await signingKeys(db);
  let n = 0;
  for (const r of await db.selectFrom('signing_credentials').select(['id', 'fingerprint', 'key_sealed']).execute()) {
    const o = unsealEither(keys, r.key_sealed, aadOf(r.fingerprint));
    if (!o.legacy) continue;
    await db.updateTable('signing_credentials').set({ key_sealed: seal(keys.current, o.plain, aadOf(r.fingerprint)) })
      .where('id', '=', r.id).where('key_sealed', '=', r.key_sealed).execute();
    n++;
  }
  return n;
}

/**
 * Stores a credential as the holder's current one; undefined when the holder already has a current one (a second
 * process issued it first, or an import raced), or the certificate is already stored.
 */
export async function insertCredential(db: Db, c: NewCredential): Promise<Credential | undefined> {
  const h = c.holder;
  const r = await db
    .insertInto('signing_credentials')
    .values({
      kind: h.kind, source: c.source,
      commune_id: h.kind === 'ca' ? null : h.communeId,
      staff_id: h.kind === 'person' ? h.staffId : null,
      subject: c.subject, issuer: c.issuer, serial: c.serial, fingerprint: c.fingerprint,
      not_before: c.notBefore, not_after: c.notAfter, certificate: c.certificatePem, chain: c.chainPem,
      key_sealed: seal((await signingKeys(db)).current, c.keyDer, aadOf(c.fingerprint)),
      created_by: c.createdBy,
    })
    .onConflict((oc) => oc.doNothing())
    .returning(COLUMNS)
    .executeTakeFirst();
  return r ? toCredential(r as Row) : undefined;
}

/** Retires the holder's current credential (a newer one takes its place); the documents it signed keep it. */
export async function retireCurrent(db: Db, h: Holder, now: Date): Promise<void> {
  let q = db.updateTable('signing_credentials').set({ retired_at: now }).where('kind', '=', h.kind).where('retired_at', 'is', null);
  if (h.kind === 'organisation') q = q.where('commune_id', '=', h.communeId);
  if (h.kind === 'person') q = q.where('staff_id', '=', h.staffId);
  await q.execute();
}

/** Whether a certificate (by fingerprint) is stored, current or not. */
export async function credentialStored(db: Db, fingerprint: string): Promise<boolean> {
  return !!(await db.selectFrom('signing_credentials').select('id').where('fingerprint', '=', fingerprint).executeTakeFirst());
}

/** A commune's current credentials (its own and its staff's), with the staff member's name. */
export async function communeCredentials(db: Db, communeId: string): Promise<(Credential & { staffName: string | null })[]> {
  const rows = await db
    .selectFrom('signing_credentials as c')
    .leftJoin('staff as s', 's.id', 'c.staff_id')
    .select(COLUMNS.map((k) => `c.${k}` as const))
    .select('s.full_name as staff_name')
    .where('c.commune_id', '=', communeId)
    .where('c.retired_at', 'is', null)
    .orderBy('c.kind')
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({ ...toCredential(r as unknown as Row), staffName: r.staff_name }));
}
