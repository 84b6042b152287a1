import type { Profile } from '../../../../shared/profile/schema';
import { ChoiceGroup, type Choice } from '../../components/choice-group';
import { useAppStore } from '../../store/store-context';
import { StepFrame } from '../step-frame';

const CHOICES: ReadonlyArray<Choice<Profile['ntp']>> = [
  { value: 'chrony', label: 'chrony', description: 'Accurate and quick to settle; the usual choice.' },
  { value: 'openntpd', label: 'OpenNTPD', description: 'Small and simple, from OpenBSD.' },
  { value: 'busybox', label: 'BusyBox ntpd', description: 'Already installed; nothing to download. Good for small boards.' },
  { value: 'none', label: 'None', description: 'The clock is not synchronised; it drifts.' },
];

export function NtpStep() {
  const ntp = useAppStore((s) => s.wizard.profile.ntp);
  const update = useAppStore((s) => s.wizard.update);
  return (
    <StepFrame step="ntp">
      <ChoiceGroup path="ntp" legend="NTP client" value={ntp} choices={CHOICES} onChange={(v) => update((p) => ({ ...p, ntp: v }))} />
    </StepFrame>
  );
}
