import { Type } from '@sinclair/typebox';
import type { App, Deps } from '../http/app.ts';
import { requireStaff } from '../identity/hooks.ts';
import { hasRole } from '../identity/principal.ts';
import { getCommune, listStaff, listUnits } from './store.ts';

import { STAFF_SECURITY as security } from '../http/openapi.ts';

export async function orgRoutes(app: App, deps: Deps) {
  app.get(
    '/api/v1/organisation',
    {
      schema: {
        tags: ['tổ chức'],
        summary: 'Xã của người dùng và các đơn vị trực thuộc',
        security,
        response: {
          200: Type.Object({
            commune: Type.Object({
              id: Type.String(), name: Type.String(), province: Type.String(), agencyCode: Type.String(),
              agencyCodeIsDemo: Type.Boolean(),
              officeHours: Type.Array(Type.Object({ start: Type.String(), end: Type.String() })),
            }),
            units: Type.Array(Type.Object({
              id: Type.Integer(), code: Type.String(), name: Type.String(),
              agencyCode: Type.Union([Type.String(), Type.Null()]), receivesDossiers: Type.Boolean(),
            })),
          }),
        },
      },
    },
    async (req) => {
      const p = requireStaff(req);
      const [commune, units] = await Promise.all([getCommune(deps.db, p.communeId), listUnits(deps.db, p.communeId)]);
      return { commune: commune!, units };
    },
  );

  app.get(
    '/api/v1/staff',
    {
      config: { roles: ['admin', 'leader', 'unit_head', 'cchc_coordinator', 'receiving_officer'] },
      schema: {
        tags: ['tổ chức'],
        summary: 'Cán bộ của xã (quản trị, lãnh đạo) hoặc của đơn vị mình (trưởng đơn vị)',
        security,
        response: {
          200: Type.Array(Type.Object({
            id: Type.Integer(), username: Type.String(), fullName: Type.String(), title: Type.String(),
            roles: Type.Array(Type.String()), unitCode: Type.Union([Type.String(), Type.Null()]), active: Type.Boolean(),
          })),
        },
      },
    },
    async (req) => {
      const p = requireStaff(req);
      const whole = hasRole(p, 'admin', 'leader', 'cchc_coordinator', 'receiving_officer');
      return listStaff(deps.db, p.communeId, whole ? undefined : (p.unitId ?? -1));
    },
  );
}
