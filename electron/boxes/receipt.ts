import { ok } from '../../shared/api/result';
import { RECEIPT_PATH, receiptText, writeReceipt, type Receipt } from '../../shared/boxes';
import { sh } from '../../shared/shell';
import type { SshConnection } from '../ssh/connect';
import type { BoxResult } from './errors';
import type { BoxCallOptions } from './options';
import { runLineOnBox } from './run-on-box';

/** Writes /etc/cairn/receipt.json (0644 in a 0755 folder); the receipt travels on stdin. */
export async function leaveReceipt(conn: SshConnection, receipt: Receipt, options: BoxCallOptions = {}): Promise<BoxResult<void>> {
  const { onOutput: _quiet, ...rest } = options;
  const ran = await runLineOnBox(conn, sh(...writeReceipt()), `write ${RECEIPT_PATH}`, { ...rest, stdin: receiptText(receipt), timeoutMs: 60_000 });
  return ran.ok ? ok(undefined) : ran;
}
