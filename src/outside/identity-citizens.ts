// The fictional citizens of the stand-in identity provider (src/outside/identity-standin.ts). None of them is a
// real person; the ID numbers follow the 12-digit format (province code, century/sex digit, birth year, serial).
// "Lê Thị Hồng" (001190004567) is the citizen of the browser tests.

export interface TestCitizen {
  /** The stable subject ("sub") the stand-in issues: opaque, not the ID number. */
  sub: string;
  idNumber: string;
  name: string;
  /** YYYY-MM-DD */
  birthdate: string;
  /** Mức độ định danh điện tử: 1 or 2 (NĐ 69/2024). */
  level: 1 | 2;
}

export const TEST_CITIZENS: readonly TestCitizen[] = [
  { sub: 'thu-nghiem-0001', idNumber: '001190004567', name: 'Lê Thị Hồng', birthdate: '1990-03-14', level: 2 },
  { sub: 'thu-nghiem-0002', idNumber: '019085012345', name: 'Nguyễn Văn Bình', birthdate: '1985-07-02', level: 2 },
  { sub: 'thu-nghiem-0003', idNumber: '019301000789', name: 'Trần Thị Mai', birthdate: '2001-11-25', level: 1 },
];

export const testCitizen = (sub: string) => TEST_CITIZENS.find((c) => c.sub === sub);
