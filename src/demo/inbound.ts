// Demo: a few dossiers filed on the national public-service portal arrive at the commune the way the portal forwards
// them: filed on the stand-in portal (src/outside/portal-standin.ts), which posts them to our inbound endpoint
// (src/inbound/routes.ts) — so the portal knows them, and our later status updates of them are valid there. They wait
// in "Việc cần làm" for the one-stop desk's receipt, marked as coming from the portal. Fictional applicants (the
// e-identity stand-in's citizens). Called once the server listens, only for a commune that has none yet.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { PortalStandIn } from '../outside/portal-standin.ts';
import { TEST_CITIZENS } from '../outside/identity-citizens.ts';
import { inboundCount } from '../inbound/store.ts';

const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** What is filed on the portal: procedure, its components sent as files, the applicant's note. */
const FILINGS = [
  { procedure: '1.001193', components: ['TO_KHAI', 'GIAY_CHUNG_SINH'], summary: 'Đăng ký khai sinh cho con' },
  { procedure: '1.004873', components: ['TO_KHAI'], summary: 'Xác nhận tình trạng hôn nhân để đăng ký kết hôn' },
  { procedure: '1.001193', components: ['TO_KHAI'], summary: undefined },
] as const;

/** Files the demo's dossiers on the stand-in portal for each commune that has received none from it yet; returns how
 *  many the communes accepted. */
export async function fileDemoInbound(db: Kysely<Database>, portal: PortalStandIn, communeIds: readonly string[]): Promise<number> {
  let n = 0;
  for (const communeId of communeIds) {
    if ((await inboundCount(db, communeId)) > 0) continue;
    for (const [i, f] of FILINGS.entries()) {
      const person = TEST_CITIZENS[i % TEST_CITIZENS.length]!;
      const filing = await portal.file({
        procedureCode: f.procedure, communeId, applicantName: person.name, idNumber: person.idNumber,
        phone: `09${person.idNumber.slice(-8)}`, address: 'Thôn Đồng Tâm', summary: f.summary, withVneid: person.level >= 2,
        files: f.components.map((c) => ({
          componentCode: c, fileName: `${c.toLowerCase().replace(/_/g, '-')}.pdf`, contentType: 'application/pdf', content: TINY_PDF,
        })),
      });
      if (filing.status === 200) n++;
    }
  }
  return n;
}
