import { err, ok } from '../../shared/api/result';
import { FACTS_COMMAND, parseReading, type BoxConfig, type BoxFacts } from '../../shared/boxes';
import type { SshConnection } from '../ssh/connect';
import type { BoxResult } from './errors';
import { labelOf, type BoxCallOptions } from './options';
import { runOnBox } from './run-on-box';

/**
 * The facts and the configuration drift compares, in the one exec the
 * overview uses. The configuration can hold a wifi passphrase: it stays
 * in this process.
 */
export async function readBox(conn: SshConnection, options: BoxCallOptions = {}): Promise<BoxResult<{ facts: BoxFacts; config: BoxConfig }>> {
  const { onOutput: _quiet, ...rest } = options;
  const ran = await runOnBox(conn, FACTS_COMMAND, 'read the box facts', { ...rest, timeoutMs: 120_000, idleTimeoutMs: 90_000 });
  if (!ran.ok) return ran;
  const reading = parseReading(ran.value.stdout);
  if (reading === null) {
    return err({
      code: 'unexpected-output',
      message: `${labelOf(conn, options)} stopped answering halfway through reading its configuration (${ran.value.truncated ? 'the output was too long' : 'the output ended early'}): try again.`,
    });
  }
  return ok(reading);
}
