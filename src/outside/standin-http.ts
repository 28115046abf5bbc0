// What the local stand-ins (payment gateway, national portal, provincial platform) share as plain node:http servers:
// reading a request body with a limit, and listening on a free loopback port with a stop that closes every connection.
import type http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The request's body, at most `max` bytes (a longer one is cut off by destroying the request). */
export function readRaw(req: http.IncomingMessage, max = 64_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The request's body as UTF-8 text, at most `max` bytes. */
export const readBody = (req: http.IncomingMessage, max = 64_000): Promise<string> => readRaw(req, max).then((b) => b.toString('utf8'));

/** Listens on 127.0.0.1 at a free port; `url` is its address, `stop` closes it and every open connection. */
export async function listenOnLoopback(server: http.Server): Promise<{ url: string; stop(): Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
