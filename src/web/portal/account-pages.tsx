// Pages of the citizen account: "Hồ sơ của tôi" (logged in or not) and the login error page.
import { stateName, type StateCode } from '../../dossiers/core/index.ts';
import type { Citizen, MyDossier } from '../../identity/citizens/accounts.ts';
import { Button, CsrfField, StateTag } from '../components.tsx';
import { fmtDate, fmtDateTime } from '../../shared/format.ts';
import { Layout } from '../layout.tsx';
import { ResultDownload } from './result-download.tsx';

export const LOGIN_PATH = '/dang-nhap/vneid';
export const ACCOUNT_PATH = '/ho-so-cua-toi';
/** "Kho dữ liệu của tôi" (store-pages.tsx). */
export const STORE_PATH = `${ACCOUNT_PATH}/kho-du-lieu`;

export function LoginLink({ next = ACCOUNT_PATH }: { next?: string }) {
  return <a class="button button--primary" href={`${LOGIN_PATH}?tiep=${encodeURIComponent(next)}`} role="button" draggable={false}>Đăng nhập bằng VNeID</a>;
}

export function LoggedOutPage() {
  return (
    <Layout title="Hồ sơ của tôi">
      <h1>Hồ sơ của tôi</h1>
      <p>Đăng nhập bằng tài khoản định danh điện tử (VNeID) để xem các hồ sơ bạn đã nộp, hồ sơ đang soạn dở và kết quả giải quyết.</p>
      <p>Khi đã đăng nhập, họ tên và số định danh cá nhân của bạn được điền sẵn khi nộp hồ sơ trực tuyến.</p>
      <p><LoginLink /></p>
      <p>Không có tài khoản VNeID? Bạn vẫn có thể <a href="/tra-cuu">tra cứu hồ sơ bằng mã hồ sơ</a>.</p>
    </Layout>
  );
}

const masked = (id: string) => `•••••••• ${id.slice(-4)}`;

interface Draft { id: string; procedure_code: string; procedure_name: string | null; updated_at: Date }

/** A listed dossier: its code, or before receipt its reference (mã tra cứu, every dossier has one). */
const nameOf = (d: MyDossier) => (d.code ? `Mã hồ sơ ${d.code}` : `Mã tra cứu ${d.reference} (chưa có mã hồ sơ, đang chờ tiếp nhận)`);

/** `results`: the signed electronic result of each dossier that has one (dossier id → verification code). */
export function AccountPage({ c, dossiers, drafts, csrf, results }: { c: Citizen; dossiers: MyDossier[]; drafts: Draft[]; csrf: string; results?: ReadonlyMap<string, string> }) {
  return (
    <Layout title="Hồ sơ của tôi">
      <h1>Hồ sơ của tôi</h1>
      <p>
        Đăng nhập bằng định danh điện tử: <strong>{c.name}</strong>, số định danh cá nhân {masked(c.idNumber)}
        {c.birthdate && <>, sinh ngày {fmtDate(c.birthdate)}</>}
        {c.level && <> (tài khoản định danh mức {c.level})</>}.
      </p>
      <form method="post" action="/dang-xuat/vneid">
        <CsrfField token={csrf} />
        <Button variant="secondary">Đăng xuất</Button>
      </form>

      <h2>Hồ sơ đã nộp</h2>
      {dossiers.length === 0 ? <p>Chưa có hồ sơ nào mang số định danh cá nhân của bạn.</p> : (
        <ul class="results" aria-label="Hồ sơ đã nộp">
          {dossiers.map((d) => (
            <li>
              <a href={`${ACCOUNT_PATH}/ho-so/${d.id}`}>{d.procedure_name}</a>{' '}
              <StateTag state={d.state} name={stateName(d.state as StateCode)} />
              <br />
              <span class="muted">
                {nameOf(d)}
                {d.submitted_at && ` · Nộp lúc ${fmtDateTime(d.submitted_at)}`}
                {d.due_at && !d.finished_at && ` · Hẹn trả ${fmtDateTime(d.due_at)}`}
              </span>
              {results?.get(d.id) && <ResultDownload dossierId={d.id} code={results.get(d.id)!} />}
            </li>
          ))}
        </ul>
      )}

      <h2>Hồ sơ đang soạn</h2>
      {drafts.length === 0 ? <p>Không có hồ sơ đang soạn.</p> : (
        <ul class="results" aria-label="Hồ sơ đang soạn">
          {drafts.map((d) => (
            <li>
              <form method="post" action={`${ACCOUNT_PATH}/ho-so-nhap/${d.id}`}>
                <CsrfField token={csrf} />
                {d.procedure_name ?? d.procedure_code}<br />
                <span class="muted">Lưu lúc {fmtDateTime(d.updated_at)}</span><br />
                <Button variant="secondary">Tiếp tục soạn</Button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <p><a href="/thu-tuc">Tìm thủ tục để nộp hồ sơ mới</a></p>
      <h2>Kho dữ liệu của tôi</h2>
      <p><a href={STORE_PATH}>Giấy tờ, kết quả đã được cấp và giấy tờ bạn đã nộp được lưu để dùng lại, tải về hoặc chia sẻ</a></p>
      <h2>Dữ liệu cá nhân</h2>
      <p><a href={`${ACCOUNT_PATH}/du-lieu-ca-nhan`}>Xem dữ liệu cá nhân xã đang lưu về bạn, ai đã xem, và gửi yêu cầu chỉnh sửa</a></p>
    </Layout>
  );
}

const FAILURES = {
  issuer_unreachable: 'Không kết nối được với hệ thống định danh điện tử. Vui lòng thử lại sau ít phút.',
  denied: 'Bạn đã hủy đăng nhập bằng định danh điện tử.',
  rejected: 'Không xác thực được kết quả đăng nhập từ hệ thống định danh điện tử. Vui lòng đăng nhập lại.',
  expired: 'Phiên đăng nhập không hợp lệ hoặc đã hết hạn (quá 10 phút, hoặc đường dẫn đã được dùng). Vui lòng đăng nhập lại.',
} as const;
export type FailureKind = keyof typeof FAILURES;

export function LoginFailedPage({ kind }: { kind: FailureKind }) {
  return (
    <Layout title="Đăng nhập không thành công">
      <h1>Đăng nhập không thành công</h1>
      <p>{FAILURES[kind]}</p>
      <p><LoginLink /></p>
      <p><a href="/">Về trang chủ</a></p>
    </Layout>
  );
}
