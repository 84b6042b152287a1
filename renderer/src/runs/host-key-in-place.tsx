import { HostKeyRefusal } from '../host-keys/host-key-refusal';
import type { RunActions } from './run-actions';
import type { RunView } from './run-view';

/** Where a run shows: trusting the key runs the box again (a single run just trusts: it has no fleet to rejoin). */
export function HostKeyInPlace({ run, name, actions }: { run: RunView; name: string; actions: RunActions }) {
  return (
    <HostKeyRefusal
      error={run.error}
      name={name}
      trustLabel={run.fleetId === null ? 'Trust' : `Trust and run ${name} again`}
      onTrust={(details) => void actions.trustAndRetry(run, details)}
      onForget={(details) => void actions.forgetHostKey(details)}
      groupLabel={`The host key of ${name}`}
    />
  );
}
