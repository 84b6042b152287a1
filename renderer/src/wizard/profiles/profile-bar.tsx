import { useState } from 'react';
import { TextField } from '../../components/text-field';
import { selectDirty } from '../../store/derived';
import { useAppStore } from '../../store/store-context';
import { ImportDialog } from '../import/import-dialog';
import { useMenuCommand } from '../menu-commands';
import { NewProfileDialog } from './new-profile-dialog';
import { OpenProfileDialog } from './open-profile-dialog';
import { useSaveProfile } from './profile-actions';

type Open = 'new' | 'open' | 'import' | null;

/** The profile's name and what can be done with it: new, open, save, import. */
export function ProfileBar() {
  const name = useAppStore((s) => s.wizard.profile.name);
  const dirty = useAppStore(selectDirty);
  const saved = useAppStore((s) => s.wizard.profileId !== null);
  const update = useAppStore((s) => s.wizard.update);
  const saveProfile = useSaveProfile();
  const save = () => void saveProfile();
  const [dialog, setDialog] = useState<Open>(null);

  useMenuCommand(['profile.new', 'profile.open', 'profile.save', 'answerfile.import'], (command) => {
    if (command === 'profile.save') save();
    else setDialog(command === 'profile.new' ? 'new' : command === 'profile.open' ? 'open' : 'import');
  });

  return (
    <div className="profile-bar">
      <TextField path="name" label="Profile name" value={name} onChange={(v) => update((p) => ({ ...p, name: v }))} />
      <p className="save-state" aria-live="polite">
        {dirty ? 'Unsaved changes' : saved ? 'Saved' : 'Not saved yet'}
      </p>
      <div className="row">
        <button type="button" className="button" onClick={() => setDialog('new')}>
          New…
        </button>
        <button type="button" className="button" onClick={() => setDialog('open')}>
          Open…
        </button>
        <button type="button" className="button primary" onClick={save}>
          Save
        </button>
        <button type="button" className="button" onClick={() => setDialog('import')}>
          Import answer file…
        </button>
      </div>
      {dialog === 'new' && <NewProfileDialog onClose={() => setDialog(null)} />}
      {dialog === 'open' && <OpenProfileDialog onClose={() => setDialog(null)} />}
      {dialog === 'import' && <ImportDialog onClose={() => setDialog(null)} />}
    </div>
  );
}
