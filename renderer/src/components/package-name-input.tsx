import { useState, type KeyboardEvent } from 'react';
import { packageNameProblem } from '../../../shared/profile/package-name';
import { useAppStore } from '../store/store-context';
import { BusyButton } from './busy-button';
import { FieldMessage } from './field';

export interface PackageNameInputProps {
  /** Base for element ids (the input is `${id}`, its hint `${id}-hint`). */
  id: string;
  label: string;
  action: string;
  hint: string;
  query: string;
  onQueryChange: (query: string) => void;
  /** Names not to suggest (already chosen or installed). */
  exclude: (name: string) => boolean;
  /** Called with a well-formed name, typed or picked. */
  onAdd: (name: string) => void;
  busy?: boolean;
  fieldPath?: string;
}

/**
 * A package name with suggestions from Alpine's catalogue (once the engine has
 * loaded it): arrows pick, Enter adds (the only suggestion, when the typed name
 * is not one), Escape clears; a malformed name is said
 * beside the field and never passed on.
 */
export function PackageNameInput({ id, label, action, hint, query, onQueryChange, exclude, onAdd, busy = false, fieldPath }: PackageNameInputProps) {
  const engine = useAppStore((s) => s.ui.engine);
  const [active, setActive] = useState(-1);
  const listId = `${id}-suggestions`;
  const trimmed = query.trim();
  const problem = trimmed === '' ? null : packageNameProblem(trimmed);
  const suggestions = engine && trimmed !== '' ? engine.suggestPackages(trimmed, 8).filter((p) => !exclude(p.name)) : [];

  const add = (name: string) => {
    if (packageNameProblem(name) !== null) return;
    setActive(-1);
    onAdd(name);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (suggestions.length > 0) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : -1) + suggestions.length) % suggestions.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      // Enter on a name that is not one, when the catalogue offers exactly one, means that one (a typo, not a new package).
      const exact = suggestions.some((s) => s.name === trimmed);
      const only = suggestions.length === 1 ? suggestions[0]?.name : undefined;
      add(suggestions[active]?.name ?? (exact ? trimmed : (only ?? trimmed)));
    } else if (e.key === 'Escape' && query !== '') {
      e.preventDefault();
      e.stopPropagation();
      onQueryChange('');
      setActive(-1);
    }
  };

  return (
    <div className="field" data-status={problem ? 'error' : 'ok'}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="row">
        <input
          id={id}
          data-field-path={fieldPath}
          className="input"
          type="text"
          role="combobox"
          aria-expanded={suggestions.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={active >= 0 && suggestions[active] ? `${listId}-${active}` : undefined}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-message` : `${id}-hint`}
          value={query}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => {
            onQueryChange(e.target.value);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
        />
        <BusyButton className="button" waiting={busy} disabled={trimmed === '' || problem !== null} onClick={() => add(trimmed)}>
          {action}
        </BusyButton>
      </div>
      <p className="field-hint" id={`${id}-hint`}>
        {hint}
      </p>
      {problem && <FieldMessage id={`${id}-message`} problem={{ severity: 'error', message: problem }} />}
      <ul id={listId} role="listbox" aria-label="Package suggestions" className="suggestions" hidden={suggestions.length === 0}>
        {suggestions.map((s, n) => (
          <li
            key={s.name}
            id={`${listId}-${n}`}
            role="option"
            aria-selected={n === active}
            className="option static"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => add(s.name)}
          >
            {s.name} <span className="option-note">{s.repo}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
