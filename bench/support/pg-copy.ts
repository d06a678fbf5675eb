import { createReadStream } from 'node:fs';
import type { Client } from 'pg';

/**
 * `COPY … FROM STDIN` over a node-postgres client, fed from a file: the reference the import
 * benchmark compares with (the fastest way Postgres takes rows). node-postgres runs any object
 * with a `submit()` as a query and hands it the protocol messages; this is the few of them a
 * COPY needs (the same protocol pg-copy-streams speaks, without the dependency).
 */
export function copyFromFile(client: Client, sql: string, file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let error: Error | null = null;
    let rows = 0;
    const submittable = {
      text: sql,
      submit(connection: PgConnection) {
        connection.query(sql);
      },
      handleCopyInResponse(connection: PgConnection) {
        const input = createReadStream(file, { highWaterMark: 1 << 20 });
        input.on('data', (chunk) => connection.sendCopyFromChunk(chunk as Buffer));
        input.on('end', () => connection.endCopyFrom());
        input.on('error', (cause) => connection.sendCopyFail(cause.message));
      },
      handleCommandComplete(message: { text: string }) {
        rows = Number(/(\d+)$/.exec(message.text)?.[1] ?? 0);
      },
      handleError(cause: Error) {
        error = cause;
      },
      handleReadyForQuery() {
        if (error) reject(error);
        else resolve(rows);
      },
    };
    (client as unknown as { query(submittable: unknown): void }).query(submittable);
  });
}

interface PgConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
}
