// The payment gateway: its settings, or the local stand-in gateway.
// OWNED BY THE PAYMENTS HELPER (issue 4). Stub until then.
import type { Connection, Started } from './types.ts';

export interface PaymentSettings {
  url: string;
  merchantCode: string;
  secret: string;
}

export interface PaymentOptions {
  /** XASO_PAYMENT_URL; unset → the stand-in is started. */
  url?: string;
  merchantCode?: string;
  secret?: string;
  publicUrl: string;
}

export async function startPayment(o: PaymentOptions): Promise<Started<PaymentSettings>> {
  const connection: Connection = { name: 'payment', url: o.url ?? '', standIn: !o.url };
  return { settings: { url: o.url ?? '', merchantCode: o.merchantCode ?? '', secret: o.secret ?? '' }, connection, stop: async () => {} };
}
