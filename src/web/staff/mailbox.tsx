// The notification outbox in the workspace (/can-bo/thong-bao), for one-stop officers and administrators: the
// commune's latest notices with their delivery status, attempts and last error, and one notice read in full: the
// text that was sent and, when the local stand-ins run, the copy the stand-in mailbox (e-mail) or SMS/Zalo gateway
// received. Only notices of the caller's commune are listed or opened (the stand-in files are found through them).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, Deps } from '../../http/deps.ts';
import { forbidden, notFound } from '../../http/problem.ts';
import { hasRole, type Principal } from '../../identity/core/principal.ts';
import { readMailboxMessage } from '../../outside/mail-standin.ts';
import { readSmsLog } from '../../outside/messaging.ts';
import { messageIdHeader } from '../../notifications/channels.ts';
import { renderNotice } from '../../notifications/core/messages.ts';
import { communeNotice, communeNotices, type NoticeRow } from '../../notifications/store.ts';
import { SummaryList } from '../components.tsx';
import { Table } from '../fields.tsx';
import { fmtDateTime } from '../../shared/format.ts';
import { staffOrLogin } from './guard.ts';
import { q1, staffPage, UUID } from './common.tsx';

const PAGE = 50;
const TITLE = 'Thông báo gửi người dân';
const BACK = { href: '/can-bo/thong-bao', label: TITLE };

/** A plain-text message as lines (no <pre>: long lines must wrap on a phone). */
function Lines({ text }: { text: string }) {
  return <div class="message-text">{text.split('\n').map((l) => (l ? <>{l}<br /></> : <br />))}</div>;
}

const CHANNEL: Record<string, string> = { email: 'Thư điện tử', sms: 'SMS', zalo: 'Zalo' };

/** The notice's dossier as staff name it: its code, or before receipt its reference (never the internal id). */
function DossierName({ n }: { n: { dossier_id: string; dossier_code: string | null; dossier_reference: string } }) {
  return <a href={`/can-bo/ho-so/${n.dossier_id}`}>{n.dossier_code ?? n.dossier_reference}</a>;
}

function officerOrAdmin(req: FastifyRequest, reply: FastifyReply): Principal | null {
  const p = staffOrLogin(req, reply);
  if (p && !hasRole(p, 'admin', 'receiving_officer')) throw forbidden('Trang này dành cho cán bộ một cửa và quản trị hệ thống.');
  return p;
}

function Status({ n }: { n: Pick<NoticeRow, 'status' | 'attempts' | 'next_attempt_at' | 'last_error'> }) {
  if (n.status === 'delivered') return <strong class="tag tag--green">Đã gửi</strong>;
  if (n.status === 'failed') return <><strong class="tag tag--red">Gửi không được</strong> <span>{n.last_error}</span></>;
  return (
    <>
      <strong class="tag tag--yellow">Chờ gửi</strong>
      {n.attempts > 0 && <span> Đã thử {n.attempts} lần{n.last_error ? ` (lỗi: ${n.last_error})` : ''}; thử lại lúc {fmtDateTime(n.next_attempt_at)}.</span>}
    </>
  );
}

export async function mailboxPages(app: App, deps: Deps) {
  const settings = deps.outside.messaging;

  app.get('/can-bo/thong-bao', { schema: { hide: true } }, async (req, reply) => {
    const p = officerOrAdmin(req, reply);
    if (!p) return reply;
    const before = q1(req, 'truoc');
    const rows = await communeNotices(deps.db, p.communeId, PAGE, /^\d{1,18}$/.test(before) ? before : undefined);
    const last = rows.length === PAGE ? rows[rows.length - 1] : undefined;
    return staffPage(reply, p, TITLE, () => (
      <>
        <h1>{TITLE}</h1>
        <p>
          Mỗi lần hồ sơ chuyển trạng thái, có yêu cầu bổ sung, thư xin lỗi hẹn lại ngày trả hoặc có kết quả, hệ thống gửi
          thông báo cho người nộp hồ sơ qua thư điện tử và SMS (NĐ 224/2026 Đ15 k1 điểm g). Thông báo chưa gửi được sẽ được
          gửi lại tự động, giãn dần thời gian giữa các lần thử.
        </p>
        <p class="hint">
          {settings.mailboxDir
            ? `Thư điện tử đang đi vào hộp thư giả lập trên máy chủ (${settings.mailboxDir}), không gửi ra ngoài.`
            : 'Thư điện tử được gửi qua máy chủ SMTP đã cấu hình.'}{' '}
          {settings.smsLogDir
            ? `SMS và Zalo đang được ghi lại bởi cổng giả lập (${settings.smsLogDir}), không gửi ra ngoài.`
            : 'SMS và Zalo được gửi qua cổng tin nhắn đã cấu hình.'}
        </p>
        {rows.length === 0 ? <p>Chưa có thông báo nào{before ? ' ở trang này' : ''}.</p> : (
          <Table caption="Thông báo gần nhất, mới nhất trước" head={['Thời điểm', 'Hồ sơ', 'Kênh', 'Người nhận', 'Nội dung', 'Tình trạng']}>
            {rows.map((n) => (
              <tr>
                <td>{fmtDateTime(n.created_at)}</td>
                <td><DossierName n={n} /></td>
                <td>{CHANNEL[n.channel] ?? n.channel}</td>
                <td>{n.recipient}</td>
                <td><a href={`/can-bo/thong-bao/${n.message_id}`}>{renderNotice(n.facts, deps.publicUrl).subject}</a></td>
                <td><Status n={n} /></td>
              </tr>
            ))}
          </Table>
        )}
        {last && <p><a href={`/can-bo/thong-bao?truoc=${last.id}`}>Trang sau</a></p>}
      </>
    ));
  });

  app.get<{ Params: { messageId: string } }>('/can-bo/thong-bao/:messageId', { schema: { hide: true } }, async (req, reply) => {
    const p = officerOrAdmin(req, reply);
    if (!p) return reply;
    const id = req.params.messageId;
    const n = UUID.test(id) ? await communeNotice(deps.db, p.communeId, id) : undefined;
    if (!n) throw notFound('thông báo');
    const sent = renderNotice(n.facts, deps.publicUrl);
    const mail = n.channel === 'email' && settings.mailboxDir ? await readMailboxMessage(settings.mailboxDir, messageIdHeader(id, settings.mailFrom)) : null;
    const sms = n.channel !== 'email' && settings.smsLogDir ? readSmsLog(settings.smsLogDir, id) : null;
    const standIn = n.channel === 'email' ? settings.mailboxDir : settings.smsLogDir;
    return staffPage(reply, p, sent.subject, () => (
      <>
        <h1>{sent.subject}</h1>
        <SummaryList rows={[
          { key: n.dossier_code ? 'Mã hồ sơ' : 'Mã tra cứu hồ sơ', value: <DossierName n={n} /> },
          { key: 'Kênh', value: CHANNEL[n.channel] ?? n.channel },
          { key: 'Người nhận', value: n.recipient },
          { key: 'Mã thư', value: n.channel === 'email' ? messageIdHeader(id, settings.mailFrom) : id },
          { key: 'Tạo lúc', value: fmtDateTime(n.created_at) },
          { key: 'Tình trạng', value: <Status n={n} /> },
          { key: 'Số lần gửi', value: String(n.attempts) },
          ...(n.delivered_at ? [{ key: 'Gửi xong lúc', value: fmtDateTime(n.delivered_at) }] : []),
        ]} />
        <h2>Nội dung</h2>
        <Lines text={n.channel === 'email' ? sent.text : sent.short} />
        {standIn && (
          <>
            <h2>{n.channel === 'email' ? 'Bản hộp thư giả lập đã nhận' : 'Bản cổng tin nhắn giả lập đã nhận'}</h2>
            {mail ? (
              <>
                <SummaryList rows={[
                  { key: 'Người gửi', value: mail.from },
                  { key: 'Người nhận', value: mail.to },
                  { key: 'Tiêu đề', value: mail.subject },
                  { key: 'Ngày gửi', value: mail.date ? fmtDateTime(mail.date) : '' },
                  { key: 'Message-ID', value: mail.messageId ?? '' },
                ]} />
                <Lines text={mail.text} />
              </>
            ) : sms ? (
              <>
                <SummaryList rows={[
                  { key: 'Kênh', value: CHANNEL[sms.channel] ?? sms.channel },
                  { key: 'Số điện thoại', value: sms.to },
                  { key: 'Nhận lúc', value: fmtDateTime(sms.receivedAt) },
                ]} />
                <Lines text={sms.text} />
              </>
            ) : <p>Chưa nhận được (thông báo chưa được gửi).</p>}
          </>
        )}
      </>
    ), { back: BACK });
  });
}
