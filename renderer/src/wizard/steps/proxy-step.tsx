import { TextField } from '../../components/text-field';
import { useAppStore } from '../../store/store-context';
import { orNull } from '../profile-edits';
import { StepFrame } from '../step-frame';

export function ProxyStep() {
  const proxy = useAppStore((s) => s.wizard.profile.proxy);
  const update = useAppStore((s) => s.wizard.update);
  return (
    <StepFrame step="proxy">
      <TextField
        path="proxy"
        label="Proxy URL (optional)"
        value={proxy ?? ''}
        onChange={(v) => update((p) => ({ ...p, proxy: orNull(v) }))}
        placeholder="http://proxy.lan:3128"
        hint="Leave empty when the box reaches the internet directly."
      />
    </StepFrame>
  );
}
