import type { Profile } from '../../../../shared/profile/schema';
import { ChoiceGroup, type Choice } from '../../components/choice-group';
import { ListField } from '../../components/list-field';
import { useAppStore } from '../../store/store-context';
import { StepFrame } from '../step-frame';

const SERVERS: ReadonlyArray<Choice<Profile['sshd']>> = [
  { value: 'openssh', label: 'OpenSSH', description: 'The standard SSH server, with file transfer (SFTP).' },
  { value: 'dropbear', label: 'Dropbear', description: 'A very small SSH server for boards with little memory; no SFTP.' },
  { value: 'none', label: 'None', description: 'No remote login. Cairn cannot manage the box over SSH afterwards.' },
];

export function SshdStep() {
  const sshd = useAppStore((s) => s.wizard.profile.sshd);
  const rootKeys = useAppStore((s) => s.wizard.profile.rootSshKeys);
  const update = useAppStore((s) => s.wizard.update);
  return (
    <StepFrame step="sshd">
      <ChoiceGroup path="sshd" legend="SSH server" value={sshd} choices={SERVERS} onChange={(v) => update((p) => ({ ...p, sshd: v }))} />
      {(sshd !== 'none' || rootKeys.length > 0) && (
        <ListField
          path="rootSshKeys"
          label="SSH keys for root (optional)"
          value={rootKeys}
          apply={(p, rootSshKeys) => ({ ...p, rootSshKeys })}
          rows={3}
          hint="One public key per line (the contents of ~/.ssh/id_ed25519.pub), or an https URL to keys."
        />
      )}
    </StepFrame>
  );
}
