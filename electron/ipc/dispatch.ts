import { channels } from '../../shared/api/channels';
import { isChannelName, type ChannelName } from '../../shared/api/names';
import { fail, ok, type ErrorCode, type Result } from '../../shared/api/result';
import type { Log } from '../log';
import type { CallContext, HandlerTable } from './types';

/** Thrown by a handler or service to fail with a chosen code and sentence. */
export class ApiFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

const IO_REASONS: Record<string, string> = {
  ENOENT: 'it does not exist',
  EACCES: 'permission was denied',
  EPERM: 'permission was denied',
  ENOSPC: 'the disk is full',
  EROFS: 'the disk is read-only',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  EIO: 'the disk reported an error',
  EMFILE: 'too many files are open',
  EBUSY: 'it is in use',
};

function classify(channel: ChannelName, e: unknown, log: Log): Result<never> {
  if (e instanceof ApiFailure) return fail(e.code, e.message, e.field);
  const errno = e as NodeJS.ErrnoException;
  const reason = typeof errno?.code === 'string' ? IO_REASONS[errno.code] : undefined;
  if (reason !== undefined) {
    const where = typeof errno.path === 'string' ? ` ${errno.path}` : ' a file';
    return fail('io-failed', `Cairn could not use${where}: ${reason}.`);
  }
  return fail('internal', `Something went wrong inside Cairn while handling ${channel}; the details are in the log file ${log.file}.`);
}

function describeIssue(issue: { path: PropertyKey[]; message: string }): { field: string; message: string } {
  const field = issue.path.map(String).join('.');
  return { field, message: field === '' ? issue.message : `${field}: ${issue.message}` };
}

/**
 * Runs one request through the table: validates the payload with the channel's
 * schema, calls the handler, checks its answer against the contract, and turns
 * anything thrown into a typed error. Stacks go to the log, never to the caller.
 */
export async function dispatch(table: HandlerTable, channel: unknown, payload: unknown, context: CallContext & { log: Log }): Promise<Result<unknown>> {
  const { log } = context;
  if (!isChannelName(channel)) {
    log.warn(`ipc: refused a request on unknown channel ${JSON.stringify(String(channel)).slice(0, 80)}`);
    return fail('invalid-input', 'Cairn does not know this request; update the window by restarting Cairn.');
  }
  const contract = channels[channel];
  const request = contract.request.safeParse(payload ?? {});
  if (!request.success) {
    const first = request.error.issues[0];
    const { field, message } = first === undefined ? { field: '', message: 'The request is not valid.' } : describeIssue(first);
    log.info(`ipc ${channel}: invalid input at ${field === '' ? '(request)' : field}`);
    return fail('invalid-input', message, field === '' ? undefined : field);
  }
  const started = Date.now();
  let result: Result<unknown>;
  try {
    const handler = table[channel] as (req: unknown, ctx: CallContext) => Promise<Result<unknown>>;
    result = await handler(request.data, { sender: context.sender });
  } catch (e) {
    log.error(`ipc ${channel} threw`, e);
    return classify(channel, e, log);
  }
  if (!result.ok) {
    log.info(`ipc ${channel} failed (${result.error.code}) after ${Date.now() - started} ms`);
    return result;
  }
  const checked = contract.response.safeParse(result.value);
  if (!checked.success) {
    log.error(`ipc ${channel} answered outside the contract`, checked.error.issues);
    return fail('internal', `Something went wrong inside Cairn while handling ${channel}; the details are in the log file ${log.file}.`);
  }
  log.debug(`ipc ${channel} ok after ${Date.now() - started} ms`);
  return ok(checked.data);
}
