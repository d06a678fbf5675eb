import { createReadStream, createWriteStream, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { Client } from 'pg';
import { createBenchAccount, formatRate, median, runBench, startGateway, stopProcess } from './support/bench-harness';
import { copyFromFile } from './support/pg-copy';

/**
 * `npm run bench:import`: `POST /v1/accounts/:id/blocklist/import` of a ROWS-row CSV (default
 * 1M, ~33 MB) into the gateway running as its own process, next to the reference measured in
 * the same run on the same database server: a raw `COPY` of the same file into a bare table
 * (no indexes, no constraints). Each figure is the median of ROUNDS rounds; every round
 * imports into a fresh account after the two consent tables are emptied, so rounds are alike.
 * Then the same file again (which must change nothing), and one more import by a gateway
 * whose V8 heap is capped at 100 MB, which shows the file is streamed, not held.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** One row in a thousand is not a phone number: row errors are part of a real import. */
const BAD_ROW_EVERY = 1_000;
/** The V8 heap limit of the last import (f): a gateway that held the file would run out. */
const CAPPED_HEAP_MB = 100;

interface ImportAnswer {
  rows: number;
  recorded: number;
  alreadyRecorded: number;
  applied: number;
  rejected: number;
}

runBench(async (bench, children) => {
  const file = join(tmpdir(), `optout-bench-import-${process.pid}.csv`);
  const bytes = await writeCsv(file);
  console.log(`import file: ${formatRate(ROWS)} rows, ${(bytes / 1024 / 1024).toFixed(1)} MiB, ${formatRate(ROWS / BAD_ROW_EVERY)} bad rows`);

  const db = new Client({ connectionString: bench.databaseUrl });
  try {
    const { child: gateway, base } = await startGateway(bench.env());
    children.push(gateway);
    await db.connect();

    const copySeconds: number[] = [];
    const importSeconds: number[] = [];
    let reimport: { seconds: number; answer: ImportAnswer } | null = null;
    let answer: ImportAnswer | null = null;
    for (let round = 0; round < ROUNDS; round++) {
      // (a) the reference: COPY into a bare table, emptied first.
      await db.query('DROP TABLE IF EXISTS bench_bare_copy');
      await db.query('CREATE TABLE bench_bare_copy (phone text, opted_out_at timestamptz, keyword text)');
      let started = process.hrtime.bigint();
      const copied = await copyFromFile(db, 'COPY bench_bare_copy FROM STDIN WITH (FORMAT csv, HEADER true)', file);
      copySeconds.push(secondsSince(started));
      if (copied !== ROWS) throw new Error(`COPY took ${copied} rows, expected ${ROWS}`);

      // (b) the import, into a fresh account on emptied tables.
      await db.query('TRUNCATE consent_states, consent_events');
      await db.query('VACUUM ANALYZE consent_states, consent_events');
      const account = await createBenchAccount(base, `Bench ${round}`);
      started = process.hrtime.bigint();
      answer = await upload(base, account, file);
      importSeconds.push(secondsSince(started));
      if (answer.recorded !== ROWS - ROWS / BAD_ROW_EVERY) throw new Error(`the import recorded ${answer.recorded} rows: ${JSON.stringify(answer)}`);
      console.log(
        `round ${round + 1}: COPY ${copySeconds[round].toFixed(1)} s (${formatRate(ROWS / copySeconds[round])} rows/s); import ${importSeconds[round].toFixed(1)} s (${formatRate(ROWS / importSeconds[round])} rows/s)`,
      );

      // (c) once: the same file again, which must change nothing.
      if (round === ROUNDS - 1) {
        started = process.hrtime.bigint();
        const again = await upload(base, account, file);
        reimport = { seconds: secondsSince(started), answer: again };
        if (again.recorded !== 0) throw new Error(`the re-import recorded ${again.recorded} rows`);
      }
    }
    const peakKiB = peakRssKiB(gateway.pid);
    await stopProcess(gateway);

    // (f) the file is streamed, not held: the same import with the gateway's V8 heap capped
    // well below what holding a million parsed rows would take.
    const { child: capped, base: cappedBase } = await startGateway(bench.env({ NODE_OPTIONS: `--max-old-space-size=${CAPPED_HEAP_MB}` }), 'the heap-capped gateway');
    children.push(capped);
    const idleKiB = peakRssKiB(capped.pid);
    await db.query('TRUNCATE consent_states, consent_events');
    const started = process.hrtime.bigint();
    const cappedAnswer = await upload(cappedBase, await createBenchAccount(cappedBase, 'Bench capped'), file);
    const cappedSeconds = secondsSince(started);
    const cappedPeakKiB = peakRssKiB(capped.pid);
    await stopProcess(capped);
    if (cappedAnswer.recorded !== ROWS - ROWS / BAD_ROW_EVERY) throw new Error(`the heap-capped import recorded ${cappedAnswer.recorded} rows`);

    const copy = median(copySeconds);
    const imported = median(importSeconds);
    console.log('\nbench:import summary (medians; goal in brackets)');
    console.log(`  rows                                  ${formatRate(ROWS)} (${formatRate(answer!.rejected)} rejected as bad rows)`);
    console.log(`  (a) COPY into a bare table (ref.)     ${copy.toFixed(1)} s   ${formatRate(ROWS / copy)} rows/s`);
    console.log(`  (b) POST …/blocklist/import           ${imported.toFixed(1)} s   ${formatRate(ROWS / imported)} rows/s   [< 60 s]`);
    console.log(`  (c) same file again (no change)       ${reimport!.seconds.toFixed(1)} s   (recorded ${reimport!.answer.recorded}, already recorded ${formatRate(reimport!.answer.alreadyRecorded)})`);
    console.log(`  (d) (b)/(a)                           ${(imported / copy).toFixed(1)}×`);
    console.log(`  (e) gateway peak RSS                  ${mib(peakKiB)} for a ${(bytes / 1024 / 1024).toFixed(0)} MiB file (V8 takes what it is allowed)`);
    console.log(`  (f) heap capped at ${CAPPED_HEAP_MB} MB             ${cappedSeconds.toFixed(1)} s, peak RSS ${mib(cappedPeakKiB)} (${mib(idleKiB)} before the import)`);
  } finally {
    await db.end().catch(() => undefined);
    rmSync(file, { force: true });
  }
});

/** Distinct US numbers, dates spread over five years, mostly STOP; one row in BAD_ROW_EVERY is not a number. */
async function writeCsv(file: string): Promise<number> {
  const out = createWriteStream(file);
  const keywords = ['STOP', 'STOP', 'STOP', 'UNSUBSCRIBE', 'CANCEL', ''];
  const start = Date.parse('2019-01-01T00:00:00Z');
  let bytes = 0;
  let chunk = 'phone,optedOutAt,keyword\n';
  for (let i = 0; i < ROWS; i++) {
    const phone = i % BAD_ROW_EVERY === BAD_ROW_EVERY - 1 ? `unknown-${i}` : `+1${2012000000 + i}`;
    const at = i % 7 === 0 ? '' : new Date(start + ((i * 7_919_993) % (5 * 365 * 86_400)) * 1000).toISOString();
    chunk += `${phone},${at},${keywords[i % keywords.length]}\n`;
    if (chunk.length > 1 << 16) {
      bytes += Buffer.byteLength(chunk);
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  bytes += Buffer.byteLength(chunk);
  out.end(chunk);
  await once(out, 'finish');
  return bytes;
}

/** Streams the file as the request body (never read whole) and returns the import's answer. */
function upload(base: string, account: { id: string; apiKey: string }, file: string): Promise<ImportAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/v1/accounts/${account.id}/blocklist/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${account.apiKey}`, 'content-type': 'text/csv' },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 200) reject(new Error(`import answered ${res.statusCode}: ${text.slice(0, 500)}`));
        else resolve(JSON.parse(text) as ImportAnswer);
      });
    });
    req.on('error', reject);
    createReadStream(file, { highWaterMark: 1 << 16 }).pipe(req);
  });
}

function secondsSince(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function mib(kib: number | null): string {
  return kib === null ? 'n/a' : `${Math.round(kib / 1024)} MiB`;
}

/** Linux only: the process's peak resident set (VmHWM), in KiB. */
function peakRssKiB(pid: number | undefined): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}
