// PostgreSQL's COPY over the `pg` client, without a package: a "submittable" query object (the interface pg's Client
// drives for its own queries: submit, then one handler per protocol message) that streams COPY … TO STDOUT out, or
// COPY … FROM STDIN in. Text format only: portable across server versions (a PostgreSQL 18 backup loads into 15).
// Bytes are never decoded here: bytea travels as PostgreSQL's own hex text, file contents stay opaque.
import type pg from 'pg';

/** The parts of pg's (untyped) connection a submittable talks to. */
interface Connection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
  stream: NodeJS.ReadableStream & NodeJS.WritableStream & { writableNeedDrain?: boolean };
}

abstract class CopyQuery {
  protected connection: Connection | undefined;
  protected rows = 0;
  private error: Error | undefined;
  readonly done: Promise<number>;
  private settle!: { resolve(n: number): void; reject(e: Error): void };

  constructor(readonly text: string) {
    this.done = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
    this.done.catch(() => {}); // observed by the caller; never an unhandled rejection meanwhile
  }
  submit(connection: Connection) {
    this.connection = connection;
    connection.query(this.text);
  }
  handleCommandComplete(msg: { text: string }) {
    const m = /^COPY (\d+)/.exec(msg.text);
    if (m) this.rows = Number(m[1]);
  }
  handleError(e: Error) {
    this.error = e;
  }
  handleReadyForQuery() {
    if (this.error) this.settle.reject(this.error);
    else this.settle.resolve(this.rows);
  }
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handlePortalSuspended() {}
  handleCopyData(_msg: { chunk: Buffer }) {}
  handleCopyInResponse(connection: Connection) {
    connection.sendCopyFail('unexpected COPY FROM');
  }
}

class CopyOut extends CopyQuery {
  constructor(text: string, private readonly onData: (chunk: Buffer) => boolean | void, private readonly drained: () => Promise<void>) {
    super(text);
  }
  override handleCopyData(msg: { chunk: Buffer }) {
    // A slow consumer pauses the socket (pg keeps parsing what it already has) until it has drained.
    if (this.onData(msg.chunk) === false && this.connection) {
      const stream = this.connection.stream;
      stream.pause();
      this.drained().then(() => stream.resume(), () => stream.resume());
    }
  }
}

class CopyIn extends CopyQuery {
  private ready!: () => void;
  readonly started = new Promise<void>((r) => (this.ready = r));
  override handleCopyInResponse(connection: Connection) {
    this.connection = connection;
    this.ready();
  }
  override handleError(e: Error) {
    super.handleError(e);
    this.ready(); // a COPY refused before it began: the writer stops waiting and sees the error in `done`
  }
}

const quoteIdent = (name: string) => '"' + name.replace(/"/g, '""') + '"';
const columnList = (columns: readonly string[]) => columns.map(quoteIdent).join(', ');

/** Streams one table's rows (the given columns, in that order) as COPY text; the number of rows. `onData` returning
 *  false pauses the server's stream until `drained()` resolves. */
export async function copyTableOut(
  client: pg.ClientBase, table: string, columns: readonly string[],
  onData: (chunk: Buffer) => boolean | void, drained: () => Promise<void>,
): Promise<number> {
  const q = new CopyOut(`COPY ${quoteIdent(table)} (${columnList(columns)}) TO STDOUT`, onData, drained);
  void client.query(q as unknown as pg.QueryConfig);
  return q.done;
}

/** Loads COPY text chunks into a table's columns; the number of rows the server counted. */
export async function copyTableIn(
  client: pg.ClientBase, table: string, columns: readonly string[], chunks: AsyncIterable<Buffer>,
): Promise<number> {
  const q = new CopyIn(`COPY ${quoteIdent(table)} (${columnList(columns)}) FROM STDIN`);
  void client.query(q as unknown as pg.QueryConfig);
  await q.started;
  const c = (q as unknown as { connection?: Connection }).connection;
  if (!c) return q.done; // refused: the error is in `done`
  try {
    for await (const chunk of chunks) {
      c.sendCopyFromChunk(chunk);
      if (c.stream.writableNeedDrain) await new Promise((r) => c.stream.once('drain', r));
    }
    c.endCopyFrom();
  } catch (e) {
    c.sendCopyFail(e instanceof Error ? e.message : 'aborted');
    await q.done.catch(() => {});
    throw e;
  }
  return q.done;
}
