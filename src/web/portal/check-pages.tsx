// "Check your answers" and the confirmation page of the online submission.
import { Button, CsrfField, Panel, SummaryList, type FieldError } from '../components.tsx';
import { fmtDateTime } from '../../shared/format.ts';
import { Layout } from '../layout.tsx';
import { describeProcessingTime } from '../../catalogue/core/time.ts';
import { titled } from './common.ts';
import type { DraftFile } from './drafts.ts';
import { formPages, papersOf, type DraftData, type Problem } from './eform.ts';
import { answerText } from './fields.tsx';
import type { StoredProcedure } from './types.ts';
import { FeeOnSubmission } from './payment-pages.tsx';
import { APPLICANT_FIELDS, APPLICANT_LABEL as L } from '../../dossiers/core/applicant.ts';

export function CheckPage(p: { proc: StoredProcedure; draftId: string; csrf: string; data: DraftData; files: DraftFile[]; problems: Problem[]; today: string }) {
  const base = `/nop-ho-so/${p.draftId}`;
  const back = '?tro-lai=kiem-tra';
  const a = p.data.applicant;
  const papers = papersOf(p.proc, p.data);
  // The papers to upload, and any other paper the draft holds a file for (one shown at the counter, taken from the
  // citizen's data store instead): the citizen reviews everything the dossier will carry.
  const attached = [...papers, ...p.proc.components.filter((c) => !papers.some((x) => x.code === c.code) && p.files.some((f) => f.component_code === c.code))];
  // Filed for someone else (nộp thay): the applicant is that person, the citizen logged in their authorised person.
  const filer = p.data.onBehalf ? p.data.filer : undefined;
  const errors: FieldError[] = p.problems.map((x, i) => ({ field: `van-de-${i}`, message: x.message }));
  return (
    <Layout title={titled(`Kiểm tra thông tin – ${p.proc.name}`, errors)} back={{ href: `${base}/giay-to`, label: 'Quay lại' }}>
      {p.problems.length > 0 && (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
          <h2 id="error-summary-title">Hồ sơ chưa đủ để gửi</h2>
          <ul>{p.problems.map((x) => <li><a href={x.href}>{x.message}</a></li>)}</ul>
        </div>
      )}
      <p class="muted">{p.proc.name}</p>
      <h1>Kiểm tra thông tin trước khi gửi</h1>
      {filer && (
        <>
          <h2>Người được ủy quyền</h2>
          <SummaryList rows={[
            { key: L.name, value: filer.name },
            { key: L.idNumber, value: filer.idNumber },
          ]} />
          <p class="hint">Bạn nộp hồ sơ thay người ủy quyền. Họ tên và số định danh cá nhân của bạn lấy từ tài khoản định danh điện tử.</p>
        </>
      )}
      <h2>{filer ? 'Người ủy quyền (người có hồ sơ)' : 'Người nộp hồ sơ'}</h2>
      <SummaryList rows={APPLICANT_FIELDS.map((f) => ({
        key: L[f], value: a?.[f] || (f === 'email' ? 'Không khai' : 'Chưa khai'), change: `${base}/nguoi-nop${back}`,
      }))} />
      {formPages(p.proc).map((page) => (
        <>
          <h2>{page.title}</h2>
          <SummaryList rows={page.fields.map((f) => ({
            key: f.label,
            value: answerText(f, p.data.form?.[page.component.code]?.[f.name]),
            change: `${base}/to-khai/${page.n}${back}`,
          }))} />
        </>
      ))}
      {attached.length > 0 && (
        <>
          <h2>Giấy tờ đính kèm</h2>
          <SummaryList rows={attached.map((c) => {
            const mine = p.files.filter((f) => f.component_code === c.code);
            return { key: c.name, value: mine.length ? mine.map((f) => f.file_name).join(', ') : 'Không có tệp', change: `${base}/giay-to` };
          })} />
        </>
      )}
      <FeeOnSubmission proc={p.proc} answers={p.data.form} filedOn={p.today} />
      <h2>Gửi hồ sơ</h2>
      <p>Bằng việc gửi hồ sơ, bạn cam đoan những thông tin đã khai là đúng sự thật và chịu trách nhiệm trước pháp luật về lời khai của mình.</p>
      <form method="post" action={`${base}/nop`}>
        <CsrfField token={p.csrf} />
        <Button>Xác nhận và gửi hồ sơ</Button>
      </form>
    </Layout>
  );
}

export function DonePage(p: {
  proc: StoredProcedure | undefined; dossierId: string; code: string | null; reference: string; submittedAt: Date | null;
  receiptDueAt: Date | null; expectedAt: Date | null; answers?: DraftData['form']; filedOn: string;
}) {
  const time = p.proc ? (p.proc.onlineProcessingTime ?? p.proc.processingTime) : null;
  const ma = encodeURIComponent(p.code ?? p.reference);
  return (
    <Layout title="Đã gửi hồ sơ">
      <Panel title="Đã gửi hồ sơ">
        Mã tra cứu hồ sơ của bạn<br /><strong>{p.reference}</strong>
      </Panel>
      <p>Bạn đã gửi hồ sơ “{p.proc?.name}” lúc {fmtDateTime(p.submittedAt)}. Hãy ghi lại mã tra cứu: bạn dùng mã này để theo dõi hồ sơ cho đến khi có mã hồ sơ. Mã tra cứu cũng được gửi cho bạn qua tin nhắn và thư điện tử.</p>
      {p.code && <p>Mã hồ sơ: <strong>{p.code}</strong></p>}
      <h2>Việc tiếp theo</h2>
      <ol>
        <li>
          Trung tâm Phục vụ hành chính công xã kiểm tra hồ sơ và tiếp nhận hoặc trả lời bạn
          {p.receiptDueAt ? <> chậm nhất <strong>{fmtDateTime(p.receiptDueAt)}</strong></> : ' trong 01 ngày làm việc'}.
        </li>
        <li>Khi hồ sơ được tiếp nhận, bạn nhận được <strong>mã hồ sơ</strong> và <strong>ngày hẹn trả kết quả</strong> qua thông báo (Giấy tiếp nhận hồ sơ và hẹn trả kết quả). Mã hồ sơ được cấp khi tiếp nhận, không phải lúc này.</li>
        <li>Nếu hồ sơ còn thiếu, cán bộ sẽ hướng dẫn bạn bổ sung một lần; bạn bổ sung ngay trên trang tra cứu hồ sơ.</li>
      </ol>
      {time && (
        <p>
          Thời hạn giải quyết: {describeProcessingTime(time)}, tính từ khi hồ sơ được tiếp nhận.
          {p.expectedAt && <> Nếu hồ sơ được tiếp nhận ngay, kết quả <strong>dự kiến</strong> có lúc {fmtDateTime(p.expectedAt)}; ngày hẹn chính thức ghi trên Giấy tiếp nhận.</>}
        </p>
      )}
      <FeeOnSubmission proc={p.proc} answers={p.answers} filedOn={p.filedOn} ma={p.code ?? p.reference} />
      <p><a href={`/tra-cuu?ma=${ma}`}>Theo dõi hồ sơ</a> bằng mã tra cứu (hoặc mã hồ sơ khi đã có) và 4 số cuối số định danh cá nhân của bạn.</p>
      <h2>Ý kiến của bạn</h2>
      <p><a href={`/danh-gia?ma=${ma}`}>Bạn thấy dịch vụ này thế nào?</a> (mất khoảng 30 giây; phần đánh giá mở khi hồ sơ có kết quả).</p>
    </Layout>
  );
}
