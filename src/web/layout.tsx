// The page frame: Vietnamese, mobile-first, a skip link, one stylesheet, no script needed.
import type { Principal } from '../identity/core/principal.ts';
import { CsrfField } from './components.tsx';
import type { Children } from './render.tsx';

export interface LayoutProps {
  title: string;
  children: Children;
  /** Staff pages show who is logged in, their navigation and a logout button. */
  staff?: { principal: Principal; csrf: string } | null;
  /** Breadcrumb-like back link. */
  back?: { href: string; label: string };
}

export function Layout({ title, children, staff, back }: LayoutProps) {
  return (
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – Xã Số`}</title>
        <link rel="stylesheet" href="/assets/site.css" />
      </head>
      <body>
        <a class="skip-link" href="#main">Bỏ qua, đến nội dung chính</a>
        <header class="site-header">
          <div class="wrap site-header__inner">
            <a class="brand" href={staff ? '/can-bo' : '/'}>
              Xã Số <span class="brand__sub">{staff ? 'Không gian làm việc cán bộ' : 'Dịch vụ công xã Xuân Dương'}</span>
            </a>
            <nav aria-label={staff ? 'Điều hướng cán bộ' : 'Điều hướng chính'}>
              <ul class="nav">
                {staff ? (
                  <>
                    <li><a href="/can-bo/ho-so">Hồ sơ</a></li>
                    <li><a href="/can-bo/bang-dieu-khien">Bảng điều khiển</a></li>
                    <li><a href="/can-bo/phan-anh">Phản ánh</a></li>
                    <li><a href="/can-bo/cchc">Cải cách HC</a></li>
                    <li><a href="/can-bo/kpi">Đánh giá KPI</a></li>
                    {staff.principal.roles.includes('receiving_officer') && <li><a href="/can-bo/tiep-nhan">Tiếp nhận</a></li>}
                    {staff.principal.roles.includes('receiving_officer') && <li><a href="/can-bo/thu-phi">Thu phí</a></li>}
                    {staff.principal.roles.some((r) => r === 'receiving_officer' || r === 'admin') && <li><a href="/can-bo/thong-bao">Thông báo</a></li>}
                    {staff.principal.roles.some((r) => r === 'leader' || r === 'admin') && <li><a href="/can-bo/du-lieu-ca-nhan">Dữ liệu cá nhân</a></li>}
                    {staff.principal.roles.some((r) => r === 'province_admin' || r === 'province_viewer') && <li><a href="/can-bo/tinh">Các xã trong tỉnh</a></li>}
                    {staff.principal.roles.some((r) => r === 'admin' || r === 'province_admin') && <li><a href="/can-bo/quan-tri">Quản trị</a></li>}
                  </>
                ) : (
                  <>
                    <li><a href="/thu-tuc">Thủ tục</a></li>
                    <li><a href="/tra-cuu">Tra cứu hồ sơ</a></li>
                    <li><a href="/ho-so-cua-toi">Hồ sơ của tôi</a></li>
                    <li><a href="/can-bo/dang-nhap">Cán bộ</a></li>
                  </>
                )}
              </ul>
            </nav>
            {staff && (
              <form method="post" action="/can-bo/dang-xuat" class="logout">
                <CsrfField token={staff.csrf} />
                <a class="user" href="/can-bo/tai-khoan">{staff.principal.name}</a>{' '}
                <button type="submit" class="link-button">Đăng xuất</button>
              </form>
            )}
          </div>
        </header>
        <div class="wrap">
          {back && <a class="back-link" href={back.href}>{back.label}</a>}
          <main id="main" tabindex={-1}>
            {children}
          </main>
        </div>
        <footer class="site-footer">
          <div class="wrap">
            <p>Ủy ban nhân dân xã Xuân Dương, tỉnh Thái Nguyên · Trung tâm Phục vụ hành chính công</p>
            <p>Xã Số: phần mềm nguồn mở. Dữ liệu cá nhân được bảo vệ theo Luật Bảo vệ dữ liệu cá nhân 2025.</p>
            <p><a href="/du-lieu-mo">Dữ liệu mở</a></p>
          </div>
        </footer>
      </body>
    </html>
  );
}

export function ErrorPage({ status, title, detail }: { status: number; title: string; detail?: string }) {
  return (
    <Layout title={title}>
      <h1>{title}</h1>
      {detail && <p>{detail}</p>}
      <p>Mã lỗi: {status}. <a href="/">Về trang chủ</a></p>
    </Layout>
  );
}
