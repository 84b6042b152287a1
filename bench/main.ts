// The runner's bench, run by hand with `npm run bench` (root and the test
// hosts needed): `npm run bench -- --sizes=1,10,50 --rounds=3 --budget=300 --skip-output`.
// Every figure is a ratio to the system OpenSSH client doing the same work
// in the same run, so a loaded machine slows both sides alike.
import { targetSupport } from '../e2e/target';
import { APP_MAX_CONCURRENCY, fleetBench, type FleetFigures } from './fleet-bench';
import { outputBench, type OutputBenchFigures } from './output-bench';
import { mb, median, printVerdicts, ratio, secs, type Verdict } from './report';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const flag = (name: string) => process.argv.includes(`--${name}`);

/** Cairn's fleet time over the baseline's, at every size. */
const MAX_FLEET_RATIO = 1.0;
const MAX_RSS = 250e6;
/** Cairn's output rate over `ssh host cat`'s. */
const MIN_OUTPUT_RATIO = 0.8;
const MAX_EVENTS = 30;

const APP_DEFAULT_CONCURRENCY = 10;
const rate = (bytes: number, ms: number) => `${mb(bytes / (ms / 1000))}/s`;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function fleetSection(sizes: number[], rounds: number, budgetS: number): Promise<Verdict[]> {
  const verdicts: Verdict[] = [];
  console.log('Fleet: push the answer file and run setup-alpine on N targets at once.');
  console.log("  Cairn: the app's FleetRegistry and run services (run files, events checked against the contract, main log).");
  console.log('  Baseline: the system ssh, ONE connection per box (answer file on stdin, setup-alpine, rm), under xargs -P.');
  console.log(`  Concurrency: N for both up to ${APP_MAX_CONCURRENCY} (the app's maximum; its default is ${APP_DEFAULT_CONCURRENCY}), ${APP_MAX_CONCURRENCY} for both above that.`);
  console.log(`  Best of ${rounds} rounds per size (order alternated), fewer where a size's rounds would pass ${budgetS} s: the column says how many.`);
  console.log('targets  conc.  rounds  ssh baseline     Cairn   ratio  overhead  peak RSS (before run)');
  const ran: FleetFigures[] = [];
  for (const n of sizes) {
    try {
      const outcome = await fleetBench(n, { rounds, budgetMs: budgetS * 1000 });
      if (!outcome.ran) {
        console.log(`${String(n).padStart(7)}  not run: ${outcome.reason}`);
        verdicts.push({ name: `fleet at ${n} targets, Cairn / ssh`, measured: '', target: `<= ${ratio(MAX_FLEET_RATIO)}`, pass: false, notRun: outcome.reason });
        continue;
      }
      const f = outcome.figures;
      ran.push(f);
      const r = f.cairnMs / f.sshMs;
      console.log(
        `${String(n).padStart(7)}  ${String(f.concurrency).padStart(5)}  ${String(f.rounds).padStart(6)}  ${secs(f.sshMs).padStart(12)}  ${secs(f.cairnMs).padStart(8)}  ${ratio(r).padStart(6)}  ${secs(f.cairnMs - f.sshMs).padStart(8)}  ${mb(f.peakRss)} (${mb(f.rssBefore)})`,
      );
      verdicts.push({
        name: `fleet at ${n} targets (concurrency ${f.concurrency}), Cairn / ssh`,
        measured: `${ratio(r)} (${secs(f.cairnMs)} / ${secs(f.sshMs)}, best of ${f.rounds})`,
        target: `<= ${ratio(MAX_FLEET_RATIO)}`,
        pass: r <= MAX_FLEET_RATIO,
      });
    } catch (error) {
      console.log(`${String(n).padStart(7)}  failed: ${messageOf(error)}`);
      verdicts.push({ name: `fleet at ${n} targets, Cairn / ssh`, measured: `failed: ${messageOf(error)}`, target: `<= ${ratio(MAX_FLEET_RATIO)}`, pass: false });
    }
  }
  const largest = ran.at(-1);
  if (largest) {
    verdicts.push({
      name: `main-process RSS at ${largest.targets} targets (largest run)`,
      measured: mb(largest.peakRss),
      target: `<= ${mb(MAX_RSS)}`,
      pass: largest.peakRss <= MAX_RSS,
    });
    console.log('  RSS is the whole bench process: Cairn, and the test hosts it keeps (before run = with the targets up, Cairn idle).');
  } else {
    verdicts.push({ name: 'main-process RSS at the largest fleet', measured: '', target: `<= ${mb(MAX_RSS)}`, pass: false, notRun: 'no fleet size ran' });
  }
  return verdicts;
}

function outputSection(o: OutputBenchFigures): Verdict[] {
  for (const [i, c] of o.cairn.entries()) {
    const ssh = o.sshMs[i] ?? NaN;
    console.log(
      `  round ${i + 1}: ssh cat ${secs(ssh)} = ${rate(o.fileBytes, ssh)} (with its own login ${secs(o.sshLoginMs[i] ?? NaN)}); Cairn ${secs(c.ms)} = ${rate(c.bytes, c.ms)}, first output after ${secs(c.firstMs)}, ${mb(c.bytes)} delivered in ${c.outputEvents} output events, at most ${c.mostPerSecond} in any second`,
    );
  }
  // Medians: the machine is shared, and one disturbed round should not decide.
  const sshMs = median(o.sshMs);
  const cairnMs = median(o.cairn.map((c) => c.ms));
  const r = sshMs / cairnMs;
  const complete = o.cairn.every((c) => c.bytes === o.fileBytes);
  const most = Math.max(...o.cairn.map((c) => c.mostPerSecond));
  const withLogin = median(o.sshLoginMs) / cairnMs;
  console.log(
    `  median: ssh cat ${rate(o.fileBytes, sshMs)}, Cairn ${rate(o.fileBytes, cairnMs)}: Cairn / ssh = ${ratio(r)}${complete ? '' : '; Cairn did NOT deliver every byte in every round'}`,
  );
  console.log(
    `  (against ssh cat with a login of its own, ${rate(o.fileBytes, median(o.sshLoginMs))}, it would be ${ratio(withLogin)}: the login is not output, so the goal counts the line above)`,
  );
  return [
    {
      name: `output rate, Cairn / ssh cat (median of ${o.cairn.length})`,
      measured: `${ratio(r)} (${rate(o.fileBytes, cairnMs)} / ${rate(o.fileBytes, sshMs)})${complete ? '' : ', bytes missing'}`,
      target: `>= ${ratio(MIN_OUTPUT_RATIO)}, every byte`,
      pass: r >= MIN_OUTPUT_RATIO && complete,
    },
    { name: 'output events per second per run (most)', measured: String(most), target: `<= ${MAX_EVENTS}`, pass: most <= MAX_EVENTS },
  ];
}

async function main(): Promise<void> {
  const support = targetSupport();
  if (!support.ok) throw new Error(`The bench needs the test hosts:\n${support.problems.join('\n')}`);
  const sizes = (arg('sizes') ?? '1,10,50,200').split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error(`--sizes takes whole numbers of targets separated by commas, like --sizes=1,10,50,200 (got ${arg('sizes')}).`);
  const rounds = Number(arg('rounds') ?? 3);
  const budgetS = Number(arg('budget') ?? 300);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds takes a whole number of rounds, at least 1 (got ${arg('rounds')}).`);
  if (!(budgetS > 0)) throw new Error(`--budget takes the seconds each fleet size may spend on rounds (got ${arg('budget')}).`);
  const verdicts: Verdict[] = [];

  if (!flag('skip-fleet')) verdicts.push(...(await fleetSection(sizes, rounds, budgetS)));

  if (!flag('skip-output')) {
    console.log('\nOutput: the same 20 MB file on one target, read 3 times each way (order alternated).');
    console.log(
      "  Cairn: a run with one detached step `cat FILE` (launched, followed over SSH, analysed, logged, batched into events), timed from the step's start to its last output event.",
    );
    console.log(
      "  Baseline: `ssh host cat FILE > /dev/null` by the system OpenSSH client over a logged-in connection (ControlMaster), as Cairn's step runs on its open one; timed whole.",
    );
    try {
      verdicts.push(...outputSection(await outputBench(3)));
    } catch (error) {
      console.log(`  failed: ${messageOf(error)}`);
      verdicts.push({ name: 'output rate, Cairn / ssh cat', measured: `failed: ${messageOf(error)}`, target: `>= ${ratio(MIN_OUTPUT_RATIO)}`, pass: false });
    }
  }

  printVerdicts(verdicts);
  console.log('\nThe machine may be shared: figures are as measured in this run, both sides under the same load.');
  process.exitCode = verdicts.every((v) => v.pass) ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(messageOf(error));
  process.exitCode = 2;
});
