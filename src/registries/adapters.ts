// The two registries behind the provincial platform, as the one adapter interface of core/registry.ts, over the one
// LGSP client (outside/lgsp-client.ts). One client per configured platform (its token is shared by both).
import { LgspClient } from '../outside/lgsp-client.ts';
import type { RegistrySettings } from '../outside/registries.ts';
import type { CivilStatusRegistry, PopulationRegistry } from './core/registry.ts';
import { LGSP_PATHS, civilStatusBody, civilStatusOf, pathOfKind, populationOf } from './core/wire.ts';
import { LgspError } from '../outside/lgsp-client.ts';

export function populationRegistry(client: LgspClient): PopulationRegistry {
  return {
    code: 'population',
    async lookup(q, caller) {
      const a = await client.call(LGSP_PATHS.population, { soDinhDanh: q.idNumber }, caller);
      if (a.status === 404) return { found: false };
      const record = populationOf(a.body.congDan);
      if (!record) throw new LgspError('unavailable', 'unreadable population record');
      // A record of another person than asked is no answer for this subject.
      return record.idNumber === q.idNumber ? { found: true, record } : { found: false };
    },
  };
}

export function civilStatusRegistry(client: LgspClient): CivilStatusRegistry {
  return {
    code: 'civil_status',
    async lookup(q, caller) {
      const a = await client.call(pathOfKind(q.kind), civilStatusBody(q), caller);
      if (a.status === 404) return { found: false };
      const record = civilStatusOf(q.kind, q.kind === 'birth' ? a.body.khaiSinh : a.body.ketHon);
      if (!record) throw new LgspError('unavailable', 'unreadable civil-status record');
      return { found: true, record };
    },
  };
}

const clients = new WeakMap<RegistrySettings, LgspClient>();

/** The registries of the configured platform (one client, and so one token, per settings object). */
export function registriesFor(s: RegistrySettings) {
  let c = clients.get(s);
  if (!c) clients.set(s, (c = new LgspClient(s)));
  return { population: populationRegistry(c), civilStatus: civilStatusRegistry(c) };
}
