// Run as its own Node process by crash.int.test.ts: runs a profile on a
// test target until the parent SIGKILLs it mid-run, as a crash would.
import type { ConnectOptions } from '../ssh';
import { openRunFiles } from '../store/runs';
import { runTarget } from './run-target';
import { disklessProfile } from './runs.test-support';

const { connect, runsDir, runId } = JSON.parse(process.argv[2] ?? '{}') as { connect: ConnectOptions; runsDir: string; runId: string };

void runTarget({ targetId: 'crashing', runId, connect, profile: disklessProfile(), openRun: (id) => openRunFiles(runsDir, id) }).then((result) => {
  process.stdout.write(`finished ${result.status}\n`);
});
