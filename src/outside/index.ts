// Starting the outside services (real or stand-in) together, for the server and for tests.
import { startIdentity, type IdentityOptions, type IdentitySettings } from './identity.ts';
import { startMessaging, type MessagingOptions, type MessagingSettings } from './messaging.ts';
import { startPayment, type PaymentOptions, type PaymentSettings } from './payment.ts';
import { startCa, type CaOptions, type CaSettings } from './ca.ts';
import { startPortal, type PortalOptions, type PortalSettings } from './portal.ts';
import { startRegistries, type RegistryOptions, type RegistrySettings } from './registries.ts';
import type { Connection } from './types.ts';

export interface Outside {
  identity: IdentitySettings;
  payment: PaymentSettings;
  messaging: MessagingSettings;
  /** Certificates for digital signatures: the local test CA, or imported ones only. */
  ca: CaSettings;
  /** The national public-service portal (DVCQG) the dossiers are synced to (src/sync/). */
  portal: PortalSettings;
  /** The national databases (population, civil status) through the provincial platform (src/registries/). */
  registries: RegistrySettings;
  /** For /health: each connection, its URL and whether it is a stand-in. */
  connections: Connection[];
}

export interface OutsideOptions {
  identity: IdentityOptions;
  payment: PaymentOptions;
  messaging: MessagingOptions;
  ca: CaOptions;
  portal: PortalOptions;
  registries: RegistryOptions;
}

export async function startOutside(o: OutsideOptions): Promise<{ outside: Outside; stop(): Promise<void> }> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => {});
  };
  try {
    const identity = await startIdentity(o.identity);
    stops.push(identity.stop);
    const payment = await startPayment(o.payment);
    stops.push(payment.stop);
    const messaging = await startMessaging(o.messaging);
    stops.push(messaging.stop);
    const ca = await startCa(o.ca);
    stops.push(ca.stop);
    const portal = await startPortal(o.portal);
    stops.push(portal.stop);
    const registries = await startRegistries(o.registries);
    stops.push(registries.stop);
    return {
      outside: {
        identity: identity.settings,
        payment: payment.settings,
        messaging: messaging.settings,
        ca: ca.settings,
        portal: portal.settings,
        registries: registries.settings,
        connections: [
          identity.connection, payment.connection, ...messaging.connections, ca.connection, portal.connection, registries.connection,
        ],
      },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
