// Petition clocks (domain.md §4 5.2) and the 5.3 rule, on the real 2026–2027 calendar.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WorkCalendar } from '../../src/calendar/core/working-time.ts';
import { petitionDeadlines, petitionOnTime, petitionSatisfied, type PetitionFacts } from '../../src/petitions/core/petition.ts';

const cal = WorkCalendar.forYears(2026, 2027);
const t = (s: string) => new Date(`${s}+07:00`);
const base: PetitionFacts = {
  receivedAt: t('2026-12-07T09:00:00'), refusedAt: null, askedMoreAt: null, answeredAt: null, publishedAt: null,
  likes: 0, dislikes: 0, repeatedDissatisfied: false,
};
const p = (o: Partial<PetitionFacts>) => ({ ...base, ...o });

describe('petition deadlines', () => {
  it('2, 5 and 15 working days from receipt; publication 2 after the answer', () => {
    const d = petitionDeadlines(p({ answeredAt: t('2026-12-18T10:00:00') }), cal);
    assert.equal(d.refuseBy.toISOString(), t('2026-12-09T09:00:00').toISOString()); // Mon 7 → Wed 9
    assert.equal(d.askMoreBy.toISOString(), t('2026-12-14T09:00:00').toISOString()); // 5 working days: Mon 14
    assert.equal(d.answerBy.toISOString(), t('2026-12-28T09:00:00').toISOString()); // 15 working days: Mon 28
    assert.equal(d.publishBy!.toISOString(), t('2026-12-22T10:00:00').toISOString()); // Fri 18 → Tue 22
  });
  it('a petition sent on a Saturday starts on Monday morning', () => {
    const d = petitionDeadlines(p({ receivedAt: t('2026-12-05T20:00:00') }), cal);
    assert.equal(d.refuseBy.toISOString(), t('2026-12-08T17:00:00').toISOString());
  });
  it('Tết is skipped', () => {
    // Tết 2027 (`xaso calendar 2027`): 5–9 Feb off, 10–11 Feb compensatory days off. Wed 3 Feb 09:00 + 2 working
    // days = Thu 4 Feb, then Fri 12 Feb 09:00.
    const d = petitionDeadlines(p({ receivedAt: t('2027-02-03T09:00:00') }), cal);
    assert.equal(d.refuseBy.toISOString(), t('2027-02-12T09:00:00').toISOString());
  });
});

describe('5.2 on time and 5.3 satisfied', () => {
  const asOf = t('2027-01-15T00:00:00');
  it('answered and published in time: on time and satisfied', () => {
    const ok = p({ answeredAt: t('2026-12-18T10:00:00'), publishedAt: t('2026-12-21T10:00:00'), likes: 3, dislikes: 1 });
    assert.equal(petitionOnTime(ok, cal, asOf), true);
    assert.equal(petitionSatisfied(ok, cal, asOf), true);
  });
  it('answered late, published late, refused late, asked for more late: not on time', () => {
    assert.equal(petitionOnTime(p({ answeredAt: t('2026-12-29T10:00:00'), publishedAt: t('2026-12-29T11:00:00') }), cal, asOf), false);
    assert.equal(petitionOnTime(p({ answeredAt: t('2026-12-18T10:00:00'), publishedAt: t('2026-12-23T10:00:00') }), cal, asOf), false);
    assert.equal(petitionOnTime(p({ refusedAt: t('2026-12-10T10:00:00') }), cal, asOf), false);
    assert.equal(petitionOnTime(p({ askedMoreAt: t('2026-12-15T10:00:00'), answeredAt: t('2026-12-18T10:00:00'), publishedAt: t('2026-12-18T11:00:00') }), cal, asOf), false);
  });
  it('not answered yet: on time until the limit passes', () => {
    assert.equal(petitionOnTime(p({}), cal, t('2026-12-20T00:00:00')), true);
    assert.equal(petitionOnTime(p({}), cal, asOf), false);
  });
  it('more dislikes than likes, or a repeated dissatisfied petition: not satisfied', () => {
    const answered = { answeredAt: t('2026-12-18T10:00:00'), publishedAt: t('2026-12-21T10:00:00') };
    assert.equal(petitionSatisfied(p({ ...answered, likes: 1, dislikes: 2 }), cal, asOf), false);
    assert.equal(petitionSatisfied(p({ ...answered, likes: 2, dislikes: 2 }), cal, asOf), true, 'a tie is not "more dislikes"');
    assert.equal(petitionSatisfied(p({ ...answered, repeatedDissatisfied: true }), cal, asOf), false);
  });
});
