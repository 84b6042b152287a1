import { useId, useState } from 'react';
import { PackageNameInput } from '../components/package-name-input';
import { useAppStore } from '../store/store-context';

/**
 * A package name to install: suggestions from Alpine's catalogue, and a name
 * that is not one is said so before anything is sent.
 */
export function AddPackageForm({ installed, busy, onAdd }: { installed: ReadonlySet<string>; busy: boolean; onAdd: (name: string) => Promise<boolean> }) {
  const announce = useAppStore((s) => s.ui.announce);
  const [query, setQuery] = useState('');
  const id = `${useId()}-name`;

  const add = async (name: string) => {
    if (installed.has(name)) {
      announce(`${name} is already installed.`);
      return;
    }
    if (await onAdd(name)) setQuery('');
  };

  return (
    <PackageNameInput
      id={id}
      label="Install a package"
      action="Install"
      hint="Type a name, like htop or nginx; arrows pick a suggestion, Enter installs it."
      query={query}
      onQueryChange={setQuery}
      exclude={(name) => installed.has(name)}
      onAdd={(name) => void add(name)}
      busy={busy}
    />
  );
}
