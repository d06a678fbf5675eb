import { classifierDrainSeconds, cpuProfileFlags, createBenchAccount, formatRate, loadAverage, runBench, startGateway, stopProcess } from './support/bench-harness';

/**
 * `npm run bench:revocation`: the classifier's drain with revocation mode `reasonable` against
 * `keywords`, one after the other in the same run: a backlog of BENCH_BACKLOG messages (default
 * 100 000) with 5 % keywords, 5 % long texts (about 700 characters) that match no keyword, 2 %
 * revocation phrases, the rest short ordinary texts — all examined as phrases in reasonable mode.
 * Issue 15's floor: ≥ 50 000 messages/s in reasonable mode. BENCH_CPU_PROF=<dir> writes a CPU
 * profile of each classifier run there (the figures are then slower: compare profiles, not rates).
 */
const BACKLOG_MESSAGES = Number(process.env.BENCH_BACKLOG ?? 100_000);
const LONG_TEXT =
  'Hi there, I wanted to say the flowers arrived this morning and they were beautiful, my mother loved them so much. ' +
  'Could you tell me whether you also deliver on Sundays, and if there is a discount for regular customers like us? ' +
  'The driver was very kind and careful with the vase, please thank him from us. We will order again for the wedding ' +
  'next month, probably the white roses and some eucalyptus, if you can do a big arrangement for the church entrance. ';
const SHORT = ['Can I order roses for Friday?', 'Thanks, see you tomorrow', 'What time do you open on Sunday?', 'ok', 'Is my order ready?'];
const PHRASES = ['Please stop texting me', 'wrong number', 'No más mensajes', 'Keine SMS mehr bitte'];

runBench(async (bench, children) => {
  const { child: gateway, base } = await startGateway(bench.env());
  children.push(gateway);
  const account = await createBenchAccount(base);
  const setMode = async (mode: string) => {
    const response = await fetch(`${base}/v1/accounts/${account.id}/compliance`, {
      method: 'PUT',
      headers: account.json,
      body: JSON.stringify({ revocation: { mode } }),
    });
    if (response.status !== 200) throw new Error(`PUT compliance answered ${response.status}`);
  };
  const load = loadAverage();
  const figures: Record<string, number> = {};
  for (const mode of ['keywords', 'reasonable']) {
    await setMode(mode);
    // Each run loads its own backlog (a new tag), or the ledger would take the messages for repeats.
    const backlog = { accountId: account.id, total: BACKLOG_MESSAGES, tag: `r${mode}`, bodyOf };
    figures[mode] = BACKLOG_MESSAGES / (await classifierDrainSeconds(bench, children, backlog, cpuProfileFlags()));
    console.log(`${mode.padEnd(10)} drain: ${formatRate(figures[mode])} messages/s (${BACKLOG_MESSAGES} messages, including process start)`);
  }
  await stopProcess(gateway);
  console.log(`\nbench:revocation — load average at start ${load}, at end ${loadAverage()} (a shared machine: compare the two modes, not the absolute rates)`);
  console.log(`  keywords   ${formatRate(figures.keywords)} messages/s`);
  console.log(`  reasonable ${formatRate(figures.reasonable)} messages/s   [≥ 50,000]   ratio ${(figures.reasonable / figures.keywords).toFixed(2)}`);
});

function bodyOf(n: number): string {
  if (n % 20 === 0) return 'STOP';
  if (n % 20 === 1) return `${LONG_TEXT}${n}`;
  if (n % 50 === 2) return PHRASES[n % PHRASES.length];
  return `${SHORT[n % SHORT.length]} ${n % 7}`;
}
