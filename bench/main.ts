// The runner's bench, run by hand with `npm run bench` (root and the test
// hosts needed): `npm run bench -- --sizes=1,10,50 --skip-output`.
import { targetSupport } from '../e2e/target';
import { fleetBench, type FleetFigures } from './fleet-bench';
import { outputBench, type OutputFigures } from './output-bench';
import { mb, printVerdicts, secs, type Verdict } from './report';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const flag = (name: string) => process.argv.includes(`--${name}`);

const MAX_RATIO = 1.2;
const MAX_RSS = 250e6;
const MIN_RATE = 50e6;
const MAX_EVENTS = 30;

const rateOf = (o: OutputFigures) => o.bytes / (o.ms / 1000);

async function main(): Promise<void> {
  const support = targetSupport();
  if (!support.ok) throw new Error(`The bench needs the test hosts:\n${support.problems.join('\n')}`);
  const sizes = (arg('sizes') ?? '1,10,50').split(',').map(Number);
  const verdicts: Verdict[] = [];

  if (!flag('skip-fleet')) {
    console.log('Fleet: push the answer file and run setup-alpine on N targets at once, Cairn vs the system ssh (xargs -P).');
    console.log('targets   ssh baseline   Cairn      ratio   overhead   peak RSS');
    const all: FleetFigures[] = [];
    for (const n of sizes) {
      const f = await fleetBench(n);
      all.push(f);
      const ratio = f.cairnMs / f.sshMs;
      console.log(`${String(n).padStart(7)}   ${secs(f.sshMs).padStart(12)}   ${secs(f.cairnMs).padStart(8)}   ${ratio.toFixed(2).padStart(5)}   ${secs(f.cairnMs - f.sshMs).padStart(8)}   ${mb(f.peakRss).padStart(8)}`);
    }
    const largest = all.at(-1);
    if (largest) {
      const ratio = largest.cairnMs / largest.sshMs;
      verdicts.push({ name: `Cairn vs ssh at ${largest.targets} targets`, measured: `${ratio.toFixed(2)}x`, target: `<= ${MAX_RATIO}x`, pass: ratio <= MAX_RATIO });
      verdicts.push({ name: `main-process RSS with ${largest.targets} concurrent`, measured: mb(largest.peakRss), target: `<= ${mb(MAX_RSS)}`, pass: largest.peakRss <= MAX_RSS });
    }
  }

  if (!flag('skip-output')) {
    console.log('\nOutput: one run printing 20 MB (detached, followed over SSH, analysed, logged, batched into events), 3 times.');
    const runs: OutputFigures[] = [];
    for (let i = 0; i < 3; i++) {
      const o = await outputBench();
      runs.push(o);
      console.log(`${mb(o.bytes)} in ${secs(o.ms)} from the step's start (first output after ${secs(o.firstMs)}) = ${mb(rateOf(o))}/s; ${o.outputEvents} output events, at most ${o.mostPerSecond} in any second`);
    }
    // The median run counts: the machine is shared, and one disturbed run should not decide.
    const median = [...runs].sort((a, b) => rateOf(a) - rateOf(b))[1] as OutputFigures;
    const most = Math.max(...runs.map((o) => o.mostPerSecond));
    verdicts.push({ name: 'output reaching the event stream (median)', measured: `${mb(rateOf(median))}/s`, target: `>= ${mb(MIN_RATE)}/s`, pass: rateOf(median) >= MIN_RATE && median.bytes >= 20e6 });
    verdicts.push({ name: 'output events per second per run', measured: String(most), target: `<= ${MAX_EVENTS}`, pass: most <= MAX_EVENTS });
  }

  printVerdicts(verdicts);
  process.exitCode = verdicts.every((v) => v.pass) ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exitCode = 2;
});
