import type { ApiError } from '../../../shared/api/result';
import type { Target } from '../../../shared/api/targets';
import { HostKeyRefusal } from '../host-keys/host-key-refusal';
import type { BoxActions } from './box-actions';

export { isKeyRefusal } from '../host-keys/host-key-refusal';

/** On a box's card and detail: trusting the key reads the box. */
export function BoxHostKey({ target, error, actions, small = false }: { target: Target; error: ApiError; actions: BoxActions; small?: boolean }) {
  return (
    <HostKeyRefusal
      error={error}
      name={target.name}
      trustLabel={`Trust and read ${target.name}`}
      onTrust={(details) => void actions.trustKey(target.id, details)}
      onForget={(details) => void actions.forgetKey(target.id, details)}
      short
      small={small}
    />
  );
}
