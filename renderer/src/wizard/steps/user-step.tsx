import { userSchema, type ProfileUser } from '../../../../shared/profile/schema';
import { CheckField } from '../../components/check-field';
import { ListField } from '../../components/list-field';
import { SelectField, type Option } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { useAppStore } from '../../store/store-context';
import { withUser } from '../profile-edits';
import { toggled } from '../stash';
import { StepFrame } from '../step-frame';
import { PasswordHashField } from '../../components/password-hash-field';

const UNLOCK: ReadonlyArray<Option<ProfileUser['unlock']>> = [
  { value: 'auto', label: 'When it has SSH keys and no password' },
  { value: 'yes', label: 'Always' },
  { value: 'no', label: 'Never' },
];

const newUser = (): ProfileUser => ({
  name: '',
  fullName: '',
  groups: ['audio', 'input', 'video', 'netdev'],
  admin: true,
  sshKeys: [],
  unlock: 'auto',
  passwordHash: null,
});

export function UserStep() {
  const user = useAppStore((s) => s.wizard.profile.user);
  const rootHash = useAppStore((s) => s.wizard.profile.rootPasswordHash);
  const edit = useAppStore((s) => s.wizard.edit);
  const update = useAppStore((s) => s.wizard.update);
  const setOn = (on: boolean) =>
    edit((w) => {
      const t = toggled(w, 'user', w.profile.user, on, newUser, userSchema);
      return { stash: t.stash, profile: { ...w.profile, user: t.value } };
    });
  return (
    <StepFrame step="user" general={['user']}>
      <CheckField path="user#set" label="Create a user" checked={user !== null} onChange={setOn} hint="Logging in as a user and using doas is safer than logging in as root." />
      {user && (
        <>
          <TextField path="user.name" label="User name" value={user.name} onChange={(name) => update((p) => withUser(p, { name }))} hint="Lower-case, like jane." />
          <TextField path="user.fullName" label="Full name (optional)" value={user.fullName} onChange={(fullName) => update((p) => withUser(p, { fullName }))} />
          <CheckField path="user.admin" label="Administrator (may use doas)" checked={user.admin} onChange={(admin) => update((p) => withUser(p, { admin }))} />
          <ListField
            path="user.groups"
            label="Groups"
            value={user.groups}
            separator="comma"
            apply={(p, groups) => withUser(p, { groups })}
            hint="Separated by commas, like audio, video, netdev."
          />
          <ListField
            path="user.sshKeys"
            label="SSH keys"
            value={user.sshKeys}
            rows={4}
            apply={(p, sshKeys) => withUser(p, { sshKeys })}
            hint="One public key per line (the contents of ~/.ssh/id_ed25519.pub), or an https URL to keys such as https://github.com/jane.keys."
          />
          <SelectField
            path="user.unlock"
            label="Unlock the account (setup-user -u)"
            value={user.unlock}
            options={UNLOCK}
            onChange={(unlock) => update((p) => withUser(p, { unlock }))}
            hint="A new account is locked until it has a password; unlocking lets its SSH key log in without one."
          />
          <PasswordHashField
            path="user.passwordHash"
            who={user.name || 'the user'}
            hash={user.passwordHash}
            onChange={(passwordHash) => update((p) => withUser(p, { passwordHash }))}
          />
        </>
      )}
      <PasswordHashField path="rootPasswordHash" who="root" hash={rootHash} onChange={(h) => update((p) => ({ ...p, rootPasswordHash: h }))} />
    </StepFrame>
  );
}
