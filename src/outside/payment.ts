// The payment gateway: its settings (XASO_PAYMENT_URL / _MERCHANT / _SECRET), or the local stand-in gateway
// (src/outside/payment-standin.ts) started on a free loopback port when no URL is configured.
import type { Connection, Started } from './types.ts';
import { STANDIN_PAY_PATH, STANDIN_QUERY_PATH, standInSecret, startStandInGateway } from './payment-standin.ts';

/** Where the gateway calls us server-to-server (register this address with a real gateway). */
export const IPN_PATH = '/api/v1/payments/ipn';
/** Where the gateway sends the citizen back (shows the result; never settles). */
export const RETURN_PATH = '/thanh-toan/ket-qua';

export interface PaymentSettings {
  /** The gateway's payment page (the signed query is appended). */
  url: string;
  /** The gateway's signed "transactions of a day" query, for the daily reconciliation. */
  queryUrl: string;
  merchantCode: string;
  secret: string;
  /** Our notification (IPN) address, as registered with the gateway. */
  ipnUrl: string;
  returnUrl: string;
  standIn: boolean;
}

export interface PaymentOptions {
  /** XASO_PAYMENT_URL; unset → the stand-in is started. */
  url?: string;
  merchantCode?: string;
  secret?: string;
  publicUrl: string;
  /** Where the stand-in delivers IPN calls (default `${publicUrl}${IPN_PATH}`); tests point it at a listening app. */
  ipnUrl?: string;
}

export async function startPayment(o: PaymentOptions): Promise<Started<PaymentSettings>> {
  const ipnUrl = o.ipnUrl ?? `${o.publicUrl}${IPN_PATH}`;
  const returnUrl = `${o.publicUrl}${RETURN_PATH}`;
  if (o.url) {
    if (!o.merchantCode || !o.secret) throw new Error('XASO_PAYMENT_URL needs XASO_PAYMENT_MERCHANT and XASO_PAYMENT_SECRET');
    const settings: PaymentSettings = {
      url: o.url, queryUrl: new URL(STANDIN_QUERY_PATH, o.url).toString(), merchantCode: o.merchantCode, secret: o.secret,
      ipnUrl, returnUrl, standIn: false,
    };
    return { settings, connection: { name: 'payment', url: o.url, standIn: false }, stop: async () => {} };
  }
  const merchantCode = o.merchantCode ?? 'XASOTEST';
  const secret = o.secret ?? standInSecret();
  const standIn = await startStandInGateway({ merchantCode, secret, ipnUrl });
  const url = `${standIn.url}${STANDIN_PAY_PATH}`;
  const connection: Connection = { name: 'payment', url, standIn: true };
  return {
    settings: { url, queryUrl: `${standIn.url}${STANDIN_QUERY_PATH}`, merchantCode, secret, ipnUrl, returnUrl, standIn: true },
    connection,
    stop: standIn.stop,
  };
}
