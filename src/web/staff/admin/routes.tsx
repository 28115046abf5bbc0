// Administration (/can-bo/quan-tri): the catalogue, the calendar, units, staff, the admin audit trail and the security
// self-check. A commune's administrator changes the commune's data; the province-level role the shared data (the
// catalogue, the province's and the national calendar); 403 page for other staff. Each sees the links of what they
// may do.
import type { App, Deps } from '../../../http/deps.ts';
import { hasRole } from '../../../identity/core/principal.ts';
import { staffPage } from '../common.tsx';
import { ADMIN_ROLES, rolePageOrLogin } from './guard.ts';
import { AUDIT_PAGE, auditPages } from './audit.tsx';
import { cataloguePages } from './catalogue.tsx';
import { calendarPages } from './calendar.tsx';
import { staffAdminPages } from './staff.tsx';
import { unitPages } from './units.tsx';
import { SECURITY_PAGE, securityPages } from './security.tsx';

export async function adminPages(app: App, deps: Deps) {
  app.get('/can-bo/quan-tri', { schema: { hide: true } }, async (req, reply) => {
    const p = rolePageOrLogin(req, reply, ADMIN_ROLES);
    if (!p) return reply;
    const commune = hasRole(p, 'admin');
    const province = hasRole(p, 'province_admin');
    return staffPage(reply, p, 'Quản trị', () => (
      <>
        <h1>Quản trị</h1>
        <ul class="results">
          <li><a href="/can-bo/quan-tri/thu-tuc">Danh mục thủ tục hành chính</a><p class="hint">{province
            ? 'Xem thủ tục, các phiên bản và ban hành phiên bản mới (danh mục dùng chung cho mọi xã).'
            : 'Xem thủ tục và các phiên bản; phiên bản mới do quản trị cấp tỉnh ban hành.'}</p></li>
          <li><a href="/can-bo/quan-tri/lich">Lịch làm việc</a><p class="hint">{province && !commune
            ? 'Ngày nghỉ lễ, nghỉ bù, làm bù của tỉnh và toàn quốc; dùng để tính hạn trả kết quả.'
            : 'Ngày nghỉ lễ, nghỉ bù, làm bù của xã; dùng để tính hạn trả kết quả.'}</p></li>
          {province && (
            <li><a href="/can-bo/quan-tri/tinh/xa">Các xã trong tỉnh</a><p class="hint">Danh sách xã; thêm một xã (đơn vị, cán bộ, ngày nghỉ riêng, thủ tục không tiếp nhận) từ tệp mô tả hoặc biểu mẫu ngắn.</p></li>
          )}
          {commune && <>
            <li><a href="/can-bo/quan-tri/don-vi">Đơn vị</a><p class="hint">Các phòng, ban của xã và đơn vị tiếp nhận hồ sơ.</p></li>
            <li><a href="/can-bo/quan-tri/can-bo">Cán bộ</a><p class="hint">Tài khoản, vai trò, đơn vị; ngừng kích hoạt tài khoản.</p></li>
            <li><a href="/can-bo/quan-tri/dong-bo">Đồng bộ Cổng Dịch vụ công quốc gia</a><p class="hint">Hồ sơ chờ gửi, gửi lỗi (kèm trả lời của Cổng) và đã đồng bộ; gửi lại; đối soát số liệu hằng ngày.</p></li>
            <li><a href="/can-bo/quan-tri/tra-cuu-dan-cu">Nhật ký tra cứu dữ liệu dân cư, hộ tịch</a><p class="hint">Ai tra cứu ai, khi nào, cho hồ sơ nào và mục đích gì.</p></li>
            <li><a href="/can-bo/quan-tri/nhat-ky-dang-nhap">Nhật ký đăng nhập</a><p class="hint">Đăng nhập, đăng nhập sai, tạm khóa, xác thực hai lớp của cán bộ.</p></li>
          </>}
          <li><a href={AUDIT_PAGE}>Nhật ký quản trị</a><p class="hint">Ai đã thay đổi gì, khi nào: cán bộ, vai trò, mật khẩu, đơn vị, danh mục thủ tục, lịch, khóa API; tải về tệp CSV.</p></li>
          <li><a href={SECURITY_PAGE}>Tự kiểm tra an toàn thông tin</a><p class="hint">Các biện pháp an toàn cấp độ 3 và trạng thái: mã hóa kết nối, sao lưu, diễn tập khôi phục, đổi khóa, xác thực hai lớp của quản trị viên, nhật ký chỉ ghi thêm.</p></li>
        </ul>
      </>
    ));
  });
  await cataloguePages(app, deps);
  await calendarPages(app, deps);
  await unitPages(app, deps);
  await staffAdminPages(app, deps);
  await auditPages(app, deps);
  await securityPages(app, deps);
}
