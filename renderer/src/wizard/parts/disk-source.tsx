import type { ConnectionReport } from '../../../../shared/api/targets';
import { formatKib } from '../../../../shared/boxes/format';
import { SelectField, type Option } from '../../components/select-field';
import { useAppStore } from '../../store/store-context';
import type { DiskFact } from '../../store/wizard-slice';

const TYPED = '';
const EARLIER = 'earlier';

/** A reported disk as the Disk step lists it: "20 GiB", the model when the device names one. */
export const diskFact = (d: ConnectionReport['disks'][number]): DiskFact => ({
  path: d.path,
  ...(d.size === null ? {} : { size: formatKib(d.size / 1024) }),
  ...(d.model === null ? {} : { model: d.model }),
});

/**
 * Where the Disk step's disk list comes from: a target whose last "Test
 * connection" reported disks, or names typed by hand. Hidden until some
 * target has reported disks, since then there is nothing to choose.
 */
export function DiskSource() {
  const list = useAppStore((s) => s.targets.list);
  const tests = useAppStore((s) => s.targets.tests);
  const chosen = useAppStore((s) => (s.wizard.facts === null ? TYPED : (s.wizard.facts.targetId ?? EARLIER)));
  const setFacts = useAppStore((s) => s.wizard.setFacts);
  const reports = (list ?? []).flatMap((t) => {
    const test = tests[t.id];
    return test?.status === 'ok' && test.report.disks.length > 0 ? [{ id: t.id, name: t.name, disks: test.report.disks }] : [];
  });
  if (reports.length === 0 && chosen === TYPED) return null;
  const options: Array<Option<string>> = [{ value: TYPED, label: 'Type the disk names' }, ...reports.map((r) => ({ value: r.id, label: r.name }))];
  // Disks of a target removed since (or set without naming one) still show: say so rather than pretend the list is typed.
  if (!options.some((o) => o.value === chosen)) options.push({ value: chosen, label: 'Disks reported earlier' });
  const choose = (id: string) => {
    const report = reports.find((r) => r.id === id);
    setFacts(report ? { targetId: report.id, disks: report.disks.map(diskFact) } : null);
  };
  return (
    <SelectField path="disk.source" label="Disks of" value={chosen} options={options} onChange={choose} hint="Pick a tested target to tick its disks, or type the device names." />
  );
}
