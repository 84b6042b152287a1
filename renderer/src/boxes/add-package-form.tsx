import { useId, useState, type KeyboardEvent } from 'react';
import { useAppStore } from '../store/store-context';
import { BusyButton } from './busy-button';

/**
 * A package name to install: suggestions from Alpine's catalogue, and a name
 * that is not one is said so before anything is sent.
 */
export function AddPackageForm({ installed, busy, onAdd }: { installed: ReadonlySet<string>; busy: boolean; onAdd: (name: string) => Promise<boolean> }) {
  const engine = useAppStore((s) => s.ui.engine);
  const announce = useAppStore((s) => s.ui.announce);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(-1);
  const id = useId();
  const listId = `${id}-suggestions`;

  const trimmed = query.trim();
  const valid = (name: string) => engine?.isPackageName(name) ?? name !== '';
  const invalid = trimmed !== '' && !valid(trimmed);
  const suggestions = engine && trimmed !== '' ? engine.suggestPackages(trimmed, 8).filter((p) => !installed.has(p.name)) : [];

  const add = async (name: string) => {
    if (!valid(name)) return;
    if (installed.has(name)) {
      announce(`${name} is already installed.`);
      return;
    }
    setActive(-1);
    if (await onAdd(name)) setQuery('');
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && suggestions.length > 0) {
      e.preventDefault();
      setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : -1) + suggestions.length) % suggestions.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      void add(suggestions[active]?.name ?? trimmed);
    } else if (e.key === 'Escape' && query !== '') {
      e.preventDefault();
      e.stopPropagation();
      setQuery('');
      setActive(-1);
    }
  };

  return (
    <div className="field" data-status={invalid ? 'error' : 'ok'}>
      <label htmlFor={`${id}-name`} className="field-label">
        Install a package
      </label>
      <div className="row">
        <input
          id={`${id}-name`}
          className="input"
          type="text"
          role="combobox"
          aria-expanded={suggestions.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={active >= 0 && suggestions[active] ? `${listId}-${active}` : undefined}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${id}-message` : `${id}-hint`}
          value={query}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
        />
        <BusyButton className="button" waiting={busy} disabled={trimmed === '' || invalid} onClick={() => void add(trimmed)}>
          Install
        </BusyButton>
      </div>
      <p className="field-hint" id={`${id}-hint`}>
        Type a name, like htop or nginx; arrows pick a suggestion, Enter installs it.
      </p>
      {invalid && (
        <p className="field-message error" id={`${id}-message`}>
          “{trimmed}” is not a package name; names are letters, digits, “+”, “.”, “_” and “-”, like htop or py3-yaml.
        </p>
      )}
      <ul id={listId} role="listbox" aria-label="Package suggestions" className="suggestions" hidden={suggestions.length === 0}>
        {suggestions.map((s, n) => (
          <li
            key={s.name}
            id={`${listId}-${n}`}
            role="option"
            aria-selected={n === active}
            className="option static"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => void add(s.name)}
          >
            {s.name} <span className="option-note">{s.repo}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
