// Citizen portal (public, mobile-first). Pages are added by the portal work; see docs/architecture.md.
import type { App, Deps } from '../../http/app.ts';
import { Layout } from '../layout.tsx';
import { sendPage } from '../render.tsx';

export async function portalRoutes(app: App, _deps: Deps) {
  app.get('/', { schema: { hide: true } }, async (_req, reply) =>
    sendPage(reply, <Layout title="Trang chủ"><h1>Dịch vụ công xã Xuân Dương</h1></Layout>),
  );
}
