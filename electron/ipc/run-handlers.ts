import { ok } from '../../shared/api/result';
import type { RunLauncher } from '../runs/launch';
import type { RunHistory } from '../store/run-history';
import type { DomainHandlers } from './types';

/** The channels that start, follow, stop and look back at installs. */
export const runHandlers = (launcher: RunLauncher, history: RunHistory): DomainHandlers<'runs'> => ({
  'runs:plan': (request) => launcher.plan(request),
  'runs:start': (request) => launcher.start(request),
  'runs:cancel': async (which) => ok({ cancelled: launcher.cancel(which) }),
  'runs:list': async () => ok(await history.list()),
  'runs:get': ({ runId }) => history.get(runId),
  'runs:retry-failed': ({ fleetId, targetIds }) => launcher.retryFailed(fleetId, targetIds),
  'runs:check-batch': (request) => launcher.checkBatch(request),
  'runs:start-batch': (request) => launcher.startBatch(request),
});
