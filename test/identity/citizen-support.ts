// Logging a citizen in through the stand-in identity provider over real HTTP (the portal through app.inject, the
// issuer through fetch with a small cookie jar), as a browser would, without a browser.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import type { TestApp } from '../support/app.ts';
import { call, type Call } from '../support/http.ts';
import { Browser } from '../web/portal-support.ts';
import { CITIZEN_COOKIE, newCitizenToken } from '../../src/identity/citizens/accounts.ts';
import { insertCitizenSession, upsertCitizen } from '../../src/identity/citizens/store.ts';

const PUBLIC = 'http://xaso.test';

/** A cookie-keeping fetch for the issuer (cookie paths ignored: one issuer, short flows). */
export class IssuerJar {
  readonly cookies = new Map<string, string>();
  async fetch(url: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const [k, v] = [pair!.slice(0, i), pair!.slice(i + 1)];
      if (v === '' || /max-age=0|expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(k);
      else this.cookies.set(k, v);
    }
    return { status: res.status, location: res.headers.get('location'), body: await res.text() };
  }
}

/** From the portal's "Đăng nhập bằng VNeID" to the issuer's login page; returns its URL and HTML. */
export async function toIssuerLogin(b: Browser, jar: IssuerJar, next = '/ho-so-cua-toi') {
  const start = await b.get(`/dang-nhap/vneid?tiep=${encodeURIComponent(next)}`);
  assert.equal(start.status, 303, start.body);
  let r = await jar.fetch(start.location!);
  let at = start.location!;
  for (let i = 0; r.location && i < 5; i++) {
    at = new URL(r.location, at).href;
    r = await jar.fetch(at);
  }
  assert.equal(r.status, 200, r.body);
  return { authorizeUrl: start.location!, loginUrl: at, html: r.body };
}

/** Chooses a test citizen on the issuer's page; returns the portal callback path + query the issuer sends back to. */
export async function chooseCitizen(jar: IssuerJar, loginUrl: string, sub: string): Promise<string> {
  let r = await jar.fetch(`${loginUrl}/login`, { method: 'POST', form: { citizen: sub } });
  let at = loginUrl;
  for (let i = 0; i < 5 && r.location && !r.location.startsWith(PUBLIC); i++) {
    at = new URL(r.location, at).href;
    r = await jar.fetch(at);
  }
  assert.ok(r.location?.startsWith(`${PUBLIC}/dang-nhap/vneid/callback?`), `back to the portal: ${r.status} ${r.location} ${r.body.slice(0, 300)}`);
  return r.location!.slice(PUBLIC.length);
}

export const HONG = { sub: 'thu-nghiem-0001', idNumber: '001190004567', name: 'Lê Thị Hồng' };
export const BINH = { sub: 'thu-nghiem-0002', idNumber: '019085012345', name: 'Nguyễn Văn Bình' };

/** A full login (coming back to `next`); returns the browser (logged in) and where the callback sent it. */
export async function loginAs(t: TestApp, who: { sub: string }, b = new Browser(t), next = '/ho-so-cua-toi') {
  const jar = new IssuerJar();
  const { loginUrl } = await toIssuerLogin(b, jar, next);
  const callback = await chooseCitizen(jar, loginUrl, who.sub);
  const done = await b.get(callback);
  assert.equal(done.status, 303, done.body);
  return { b, location: done.location, callback };
}

/**
 * The portal's session cookie of a citizen logged in with e-identity as `who`, opened in the database as the login
 * would open it (without the issuer, so any test may use it), valid whatever the test's clock.
 */
export async function citizenCookie(t: TestApp, who: { name: string; idNumber: string }): Promise<string> {
  const citizenId = await upsertCitizen(t.db, {
    issuer: 'http://dinh-danh.thu-nghiem', subject: `thu-nghiem-${who.idNumber}`, idNumber: who.idNumber, name: who.name, birthdate: null, level: 2,
  }, new Date());
  const token = newCitizenToken();
  await insertCitizenSession(t.db, {
    tokenHash: crypto.createHash('sha256').update(token).digest('hex'), citizenId,
    createdAt: new Date('2000-01-01T00:00:00Z'), expiresAt: new Date('2999-01-01T00:00:00Z'),
  });
  return `${CITIZEN_COOKIE}=${token}`;
}

/** POST /api/v1/public/submissions by the applicant, logged in with e-identity (procedures require it by default:
 *  src/dossiers/online-filer.ts); the commune defaults to the demo commune. */
export async function fileOnline(
  t: TestApp, body: { procedureCode: string; applicant: { name: string; idNumber: string } & Record<string, unknown>; communeId?: string; answers?: object; note?: string },
): Promise<Call> {
  return call(t, 'POST', '/api/v1/public/submissions', {
    body: { communeId: 'xuan-duong', ...body }, headers: { cookie: await citizenCookie(t, body.applicant) },
  });
}
