import { TextField } from '../../components/text-field';
import { useAppStore } from '../../store/store-context';
import { StepFrame } from '../step-frame';

export function HostnameStep() {
  const hostname = useAppStore((s) => s.wizard.profile.hostname);
  const update = useAppStore((s) => s.wizard.update);
  return (
    <StepFrame step="hostname">
      <TextField
        path="hostname"
        label="Hostname"
        value={hostname}
        onChange={(v) => update((p) => ({ ...p, hostname: v }))}
        hint="Letters, digits, dots and hyphens, like nas or web-1.home.lan."
      />
    </StepFrame>
  );
}
