// Dossiers as the sync reads them (SyncSource), on each status path: shared by the mapping and stand-in tests.
import type { SyncEvent, SyncSource } from '../../src/sync/core/mapping.ts';
import type { Fee } from '../../src/catalogue/core/types.ts';

export const T0 = Date.parse('2026-12-07T02:00:00Z');

/** Status paths as (action, to_state, changes) lists, as the log records them. */
export const PATHS: [string, number, Record<string, unknown>][][] = [
  [['receive_counter', 2, { receivedAt: 'R', dueAt: 'D' }], ['assign', 4, { currentUnitCode: 'VHXH' }], ['issue_result', 9, { resultIssuedAt: 'X', finishedAt: 'X' }], ['return_result', 10, { returnedAt: 'X' }]],
  [['submit_online', 1, {}], ['refuse_receipt', 3, { finishedAt: 'X' }]],
  [['submit_online', 1, {}], ['request_supplement_before_receipt', 5, {}], ['supplement_provided', 1, {}], ['receive_online', 2, { receivedAt: 'R', dueAt: 'D' }], ['withdraw', 7, { finishedAt: 'X' }]],
  [['receive_counter', 2, { receivedAt: 'R', dueAt: 'D' }], ['assign', 4, {}], ['request_financial_obligation', 6, { pausedAt: 'X' }], ['obligation_met', 4, {}], ['stop_processing', 8, { finishedAt: 'X' }]],
  [['receive_counter', 2, { receivedAt: 'R', dueAt: 'D' }], ['assign', 4, {}], ['request_supplement', 5, {}], ['supplement_provided', 4, { dueAt: 'D2' }], ['apologize_extend', 4, { dueAt: 'D3' }], ['reject_not_eligible', 9, { finishedAt: 'X' }], ['return_result', 10, { returnedAt: 'X' }]],
];

export function sourceOf(path: (typeof PATHS)[number], o: { channel: 'direct' | 'online' | 'postal'; id: string | null; portal: boolean; minutes: number[] }): SyncSource {
  let at = T0;
  const events: SyncEvent[] = path.map(([action, to, ch], i) => {
    at += (o.minutes[i] ?? 7) * 60_000;
    const iso = new Date(at).toISOString();
    const changes = Object.fromEntries(Object.entries(ch).map(([k, v]) => [k, v === 'R' || v === 'X' ? iso : typeof v === 'string' && v.startsWith('D') ? new Date(at + 86_400_000).toISOString() : v]));
    return {
      seq: i + 1, action, fromState: i ? path[i - 1]![1] : null, toState: to, at: new Date(at), actorRole: 'receiving_officer', actorName: 'Lê Văn Một',
      actorTitle: 'Công chức', unitName: 'Bộ phận Một cửa', payload: { reason: 'Lý do', items: ['Giấy tờ A'], newDueAt: new Date(at + 2 * 86_400_000).toISOString() }, changes,
    };
  });
  return {
    code: o.portal ? null : '000.DEMO.XD.H55-261207-0001', portalCode: o.portal ? '000.00.00.G22-261207-880001' : null,
    communeId: 'xuan-duong', communeName: 'Xã Xuân Dương', channel: o.channel, applicantName: 'Nguyễn Văn A', applicantIdNumber: o.id,
    applicant: { phone: '0912345678', email: 'a@example.vn' }, authenticatedWithEid: o.channel === 'online',
    procedure: { code: '1.001193', name: 'Đăng ký khai sinh', fieldCode: 'HT', fieldName: 'Hộ tịch', fees: [{ code: 'LP', name: 'Lệ phí', kind: 'charge', amountVnd: 0 } as Fee] },
    receivingUnitName: 'Bộ phận Một cửa', unitNames: { VHXH: 'Phòng Văn hóa - Xã hội' }, events,
    files: [{ id: 1, component: 'TOKHAI', fileName: 'to-khai.pdf', sha256: 'a'.repeat(64), digitised: true, reused: false, fromStore: true, replacesWith: 'KQ1' }],
    results: [{ code: 'ABCD-EFGH', title: 'Giấy khai sinh', signedAt: new Date(at) }], registryCodes: ['7'],
  };
}

