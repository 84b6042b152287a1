// Run as its own Node process by run-owner.test.ts: a `cairn push` in
// miniature. It opens a run's files as the runner does, leaves the run
// "running", then stays alive (until killed) or exits, as told.
import { openRunFiles } from './runs';

const [runsDir = '', runId = '', mode = 'stay'] = process.argv.slice(2);
const files = await openRunFiles(runsDir, runId);
await files.writeSummary({
  runId,
  status: 'running',
  endedAt: null,
  error: null,
  steps: [
    { id: 'setup-alpine', status: 'running', endedAt: null },
    { id: 'cleanup', status: 'pending', endedAt: null },
  ],
});
await files.close();
process.stdout.write('ready\n');
if (mode === 'stay') setInterval(() => undefined, 60_000);
