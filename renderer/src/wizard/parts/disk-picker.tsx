import { describedBy, FieldMessage, useFieldProblem } from '../../components/field';
import { ListField } from '../../components/list-field';
import { useAppStore } from '../../store/store-context';
import { withDisk } from '../profile-edits';

/**
 * The disks to use: the target's own list when a target has reported its
 * disks, otherwise device paths typed one per line.
 */
export function DiskPicker() {
  const disks = useAppStore((s) => s.wizard.profile.disk.disks);
  const facts = useAppStore((s) => s.wizard.facts);
  const update = useAppStore((s) => s.wizard.update);
  const problem = useFieldProblem('disk.disks');
  if (!facts || facts.disks.length === 0) {
    return (
      <ListField
        path="disk.disks"
        label="Disks"
        value={disks}
        apply={(p, list) => withDisk(p, { disks: list })}
        rows={2}
        placeholder="/dev/sda"
        hint="One device per line, like /dev/sda, /dev/vda or /dev/nvme0n1. Two disks make a mirror (RAID 1)."
      />
    );
  }
  const toggle = (path: string, on: boolean) =>
    update((p) => withDisk(p, { disks: on ? [...p.disk.disks.filter((d) => d !== path), path] : p.disk.disks.filter((d) => d !== path) }));
  const messageId = problem ? 'disk-disks-message' : undefined;
  return (
    <fieldset className="field" aria-describedby={describedBy(messageId, 'disk-disks-hint')} data-status={problem?.severity ?? 'ok'}>
      <legend className="field-label">Disks on the target</legend>
      <p className="field-hint" id="disk-disks-hint">
        Tick the disks to use. Two disks make a mirror (RAID 1).
      </p>
      <ul className="disk-list">
        {facts.disks.map((d, n) => {
          const id = `disk-fact-${d.path.replace(/[^A-Za-z0-9]/g, '-')}`;
          return (
            <li key={d.path}>
              <input
                id={id}
                type="checkbox"
                checked={disks.includes(d.path)}
                onChange={(e) => toggle(d.path, e.target.checked)}
                {...(n === 0 ? { 'data-field-path': 'disk.disks' } : {})}
              />
              <label htmlFor={id}>
                {d.path}
                {d.size ? `, ${d.size}` : ''}
                {d.model ? `, ${d.model}` : ''}
              </label>
            </li>
          );
        })}
      </ul>
      {problem && messageId && <FieldMessage id={messageId} problem={problem} />}
    </fieldset>
  );
}
