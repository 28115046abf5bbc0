// Dossier code `<agency e-identifier>-<YYMMDD>-<NNNN>` (domain.md §2.4): Vietnam-local date, ≥ 4-digit sequence.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatDossierCode, isDossierCode, parseDossierCode, vietnamDate } from '../../../src/dossiers/core/index.ts';

const AGENCY = '000.00.15.H12';

describe('formatDossierCode', () => {
  it('uses the Vietnam date: 23:30 UTC is already the next day (UTC+7)', () => {
    assert.equal(formatDossierCode(AGENCY, new Date('2025-07-01T23:30:00Z'), 1), '000.00.15.H12-250702-0001');
    assert.equal(formatDossierCode(AGENCY, new Date('2025-12-31T16:59:59Z'), 7), '000.00.15.H12-251231-0007');
    assert.equal(formatDossierCode(AGENCY, new Date('2025-12-31T17:00:00Z'), 7), '000.00.15.H12-260101-0007');
  });

  it('pads to 4 digits and grows beyond 9999', () => {
    const at = new Date('2026-03-02T01:00:00Z');
    assert.equal(formatDossierCode(AGENCY, at, 9999), '000.00.15.H12-260302-9999');
    assert.equal(formatDossierCode(AGENCY, at, 10000), '000.00.15.H12-260302-10000');
  });

  it('rejects a bad agency identifier, sequence or date', () => {
    const at = new Date('2026-03-02T01:00:00Z');
    assert.throws(() => formatDossierCode('000-00', at, 1), RangeError);
    assert.throws(() => formatDossierCode('', at, 1), RangeError);
    assert.throws(() => formatDossierCode(AGENCY, at, 0), RangeError);
    assert.throws(() => formatDossierCode(AGENCY, at, 1.5), RangeError);
    assert.throws(() => formatDossierCode(AGENCY, new Date('x'), 1), RangeError);
  });

  it('vietnamDate is the daily counter key', () => {
    assert.equal(vietnamDate(new Date('2025-07-01T23:30:00Z')), '2025-07-02');
    assert.equal(vietnamDate(new Date('2025-07-01T16:59:59Z')), '2025-07-01');
  });
});

describe('parseDossierCode', () => {
  it('reads a code back', () => {
    assert.deepEqual(parseDossierCode('000.00.15.H12-250702-0001'), { agencyId: AGENCY, receiptDate: '2025-07-02', sequence: 1 });
    assert.deepEqual(parseDossierCode('H12.23-260302-10000')?.sequence, 10000);
  });

  it('rejects malformed codes, impossible dates and non-canonical sequences', () => {
    for (const bad of [
      '', '000.00.15.H12', '000.00.15.H12-250702', '000.00.15.H12-250702-001', '000.00.15.H12-250230-0001',
      '000.00.15.H12-251301-0001', '000.00.15.H12-250702-0000', '000.00.15.H12-250702-01234', 'h12-250702-0001',
      '000..15-250702-0001', '000.00.15.H12-250702-0001 ', '000.00.15.H12-2507020-0001',
    ]) {
      assert.equal(parseDossierCode(bad), null, bad);
      assert.equal(isDossierCode(bad), false, bad);
    }
  });

  it('round-trips every formatted code', () => {
    const agencyArb = fc.array(fc.stringMatching(/^[A-Z0-9]{1,4}$/), { minLength: 1, maxLength: 4 }).map((s) => s.join('.'));
    fc.assert(
      fc.property(
        agencyArb,
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T16:59:59Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 10_000_000 }),
        (agency, at, seq) => {
          const parsed = parseDossierCode(formatDossierCode(agency, at, seq));
          assert.deepEqual(parsed, { agencyId: agency, receiptDate: vietnamDate(at), sequence: seq });
        },
      ),
    );
  });
});
