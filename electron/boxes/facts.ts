import { err, ok } from '../../shared/api/result';
import { FACTS_COMMAND, parseFacts, type BoxFacts } from '../../shared/boxes';
import type { SshConnection } from '../ssh/connect';
import type { BoxResult } from './errors';
import { labelOf, type BoxCallOptions } from './options';
import { runOnBox } from './run-on-box';

/** Everything the overview cards show, in one exec; what the box cannot answer is null, not an error. */
export async function gatherFacts(conn: SshConnection, options: BoxCallOptions = {}): Promise<BoxResult<BoxFacts>> {
  // Output stays out of onOutput: the facts are read, not shown as a log.
  const { onOutput: _quiet, ...rest } = options;
  const ran = await runOnBox(conn, FACTS_COMMAND, 'read the box facts', { ...rest, timeoutMs: 120_000, idleTimeoutMs: 90_000 });
  if (!ran.ok) return ran;
  const facts = parseFacts(ran.value.stdout);
  if (facts === null) {
    return err({
      code: 'unexpected-output',
      message: `${labelOf(conn, options)} stopped answering halfway through reading its facts (${ran.value.truncated ? 'the output was too long' : 'the output ended early'}): try again.`,
    });
  }
  return ok(facts);
}
