// The outside services Xã Số talks to (e-identity, payment gateway, e-mail, SMS/Zalo, the certificate authority of
// digital signatures), each either the real one (configured by environment variables, README § Configuration) or a
// local stand-in that speaks the same protocol, started by the default set-up so that the whole flow runs on a fresh
// machine and in tests.

/** What /health shows of one outside connection. */
export interface Connection {
  /** Stable name: 'identity' | 'payment' | 'mail' | 'sms' | 'ca'. */
  name: string;
  /** Where it is reached (no secrets in it). */
  url: string;
  /** True when it is the local stand-in started by Xã Số, not a real service. */
  standIn: boolean;
}

/** A started outside service: its settings for the clients, what /health shows, and how to stop it. */
export interface Started<S> {
  settings: S;
  connection: Connection;
  stop(): Promise<void>;
}
