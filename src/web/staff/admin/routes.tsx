// Administration (/can-bo/quan-tri): the catalogue, the calendar, units and staff. Administrators only
// (403 page for other staff); every change is scoped to the administrator's commune, except the procedure
// catalogue, which is shared (as in the API).
import type { App, Deps } from '../../../http/deps.ts';
import { adminOrLogin, staffPage } from '../common.tsx';
import { cataloguePages } from './catalogue.tsx';
import { calendarPages } from './calendar.tsx';
import { staffAdminPages } from './staff.tsx';
import { unitPages } from './units.tsx';

export async function adminPages(app: App, deps: Deps) {
  app.get('/can-bo/quan-tri', { schema: { hide: true } }, async (req, reply) => {
    const p = adminOrLogin(req, reply);
    if (!p) return reply;
    return staffPage(reply, p, 'Quản trị', () => (
      <>
        <h1>Quản trị</h1>
        <ul class="results">
          <li><a href="/can-bo/quan-tri/thu-tuc">Danh mục thủ tục hành chính</a><p class="hint">Xem thủ tục, các phiên bản và ban hành phiên bản mới.</p></li>
          <li><a href="/can-bo/quan-tri/lich">Lịch làm việc</a><p class="hint">Ngày nghỉ lễ, nghỉ bù, làm bù của xã; dùng để tính hạn trả kết quả.</p></li>
          <li><a href="/can-bo/quan-tri/don-vi">Đơn vị</a><p class="hint">Các phòng, ban của xã và đơn vị tiếp nhận hồ sơ.</p></li>
          <li><a href="/can-bo/quan-tri/can-bo">Cán bộ</a><p class="hint">Tài khoản, vai trò, đơn vị; ngừng kích hoạt tài khoản.</p></li>
          <li><a href="/can-bo/quan-tri/nhat-ky-dang-nhap">Nhật ký đăng nhập</a><p class="hint">Đăng nhập, đăng nhập sai, tạm khóa, xác thực hai lớp của cán bộ.</p></li>
        </ul>
      </>
    ));
  });
  await cataloguePages(app, deps);
  await calendarPages(app, deps);
  await unitPages(app, deps);
  await staffAdminPages(app, deps);
}
