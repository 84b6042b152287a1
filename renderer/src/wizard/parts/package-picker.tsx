import { FieldMessage, useFieldProblem } from '../../components/field';
import { PackageNameInput } from '../../components/package-name-input';
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
  const edit = useAppStore((s) => s.wizard.edit);
  const announce = useAppStore((s) => s.ui.announce);

  const add = (name: string) => {
    if (packages.includes(name)) {
      announce(`${name} is already in the packages.`);
      return;
    }
    edit((w) => ({ profile: { ...w.profile, packages: [...w.profile.packages, name] }, drafts: { ...w.drafts, [DRAFT]: '' } }));
    announce(`${name} added to the packages.`, 'ok');
  };
  const remove = (name: string) => edit((w) => ({ profile: { ...w.profile, packages: w.profile.packages.filter((p) => p !== name) } }));

  return (
    <section className="subsection" aria-labelledby="packages-title">
      <h3 id="packages-title">Packages</h3>
      <PackageNameInput
        id="package-name"
        fieldPath="packages"
        label="Add a package"
        action="Add"
        hint="Type a name, like htop or nginx; arrows pick a suggestion, Enter adds it."
        query={query}
        onQueryChange={(typed) => edit((w) => ({ drafts: { ...w.drafts, [DRAFT]: typed } }))}
        exclude={(name) => packages.includes(name)}
        onAdd={add}
      />
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
