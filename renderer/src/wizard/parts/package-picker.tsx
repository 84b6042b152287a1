import { useState, type KeyboardEvent } from 'react';
import { FieldMessage, useFieldProblem } from '../../components/field';
import { useAppStore } from '../../store/store-context';

const DRAFT = 'packages#new';

function PackageRow({ name, index, onRemove }: { name: string; index: number; onRemove: () => void }) {
  const problem = useFieldProblem(`packages.${index}`);
  return (
    <li className="item-row" data-status={problem?.severity ?? 'ok'}>
      <span className="mono" data-field-path={`packages.${index}`} tabIndex={-1}>
        {name}
      </span>
      <button type="button" className="button small" onClick={onRemove}>
        Remove {name}
      </button>
      {problem && <FieldMessage id={`packages-${index}-message`} problem={problem} />}
    </li>
  );
}

/** Add packages by name: suggestions from Alpine's catalogue, names checked before they are added. */
export function PackagePicker() {
  const packages = useAppStore((s) => s.wizard.profile.packages);
  const query = useAppStore((s) => s.wizard.drafts[DRAFT]) ?? '';
  const engine = useAppStore((s) => s.ui.engine);
  const edit = useAppStore((s) => s.wizard.edit);
  const announce = useAppStore((s) => s.ui.announce);
  const [active, setActive] = useState(-1);

  const isPackageName = (name: string) => engine?.isPackageName(name) ?? false;
  const suggestions = engine && query.trim() !== '' ? engine.suggestPackages(query, 8).filter((p) => !packages.includes(p.name)) : [];
  const trimmed = query.trim();
  const invalid = engine !== null && trimmed !== '' && !isPackageName(trimmed);

  const add = (name: string) => {
    if (!isPackageName(name)) return;
    if (packages.includes(name)) {
      announce(`${name} is already in the packages.`);
      return;
    }
    edit((w) => ({ profile: { ...w.profile, packages: [...w.profile.packages, name] }, drafts: { ...w.drafts, [DRAFT]: '' } }));
    setActive(-1);
    announce(`${name} added to the packages.`);
  };
  const remove = (name: string) =>
    edit((w) => ({ profile: { ...w.profile, packages: w.profile.packages.filter((p) => p !== name) } }));

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (suggestions.length > 0) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : -1) + suggestions.length) % suggestions.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      add(suggestions[active]?.name ?? trimmed);
    } else if (e.key === 'Escape' && query !== '') {
      e.preventDefault();
      e.stopPropagation();
      edit((w) => ({ drafts: { ...w.drafts, [DRAFT]: '' } }));
      setActive(-1);
    }
  };

  const listId = 'package-suggestions';
  return (
    <section className="subsection" aria-labelledby="packages-title">
      <h3 id="packages-title">Packages</h3>
      <div className="field" data-status={invalid ? 'error' : 'ok'}>
        <label htmlFor="package-name" className="field-label">
          Add a package
        </label>
        <div className="row">
          <input
            id="package-name"
            data-field-path="packages"
            className="input"
            type="text"
            role="combobox"
            aria-expanded={suggestions.length > 0}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={active >= 0 && suggestions[active] ? `${listId}-${active}` : undefined}
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? 'package-name-message' : 'package-name-hint'}
            value={query}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => {
              const typed = e.target.value;
              edit((w) => ({ drafts: { ...w.drafts, [DRAFT]: typed } }));
              setActive(-1);
            }}
            onKeyDown={onKeyDown}
          />
          <button type="button" className="button" disabled={trimmed === '' || invalid} onClick={() => add(trimmed)}>
            Add
          </button>
        </div>
        <p className="field-hint" id="package-name-hint">
          Type a name, like htop or nginx; arrows pick a suggestion, Enter adds it.
        </p>
        {invalid && (
          <FieldMessage
            id="package-name-message"
            problem={{ severity: 'error', message: `"${trimmed}" is not a package name; names are letters, digits, "+", ".", "_" and "-", like htop or py3-yaml.` }}
          />
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
              onClick={() => add(s.name)}
            >
              {s.name} <span className="option-note">{s.repo}</span>
            </li>
          ))}
        </ul>
      </div>
      {packages.length === 0 ? (
        <p className="empty">No extra packages.</p>
      ) : (
        <ul className="item-list" aria-label="Packages to install">
          {packages.map((name, n) => (
            <PackageRow key={name} name={name} index={n} onRemove={() => remove(name)} />
          ))}
        </ul>
      )}
    </section>
  );
}
