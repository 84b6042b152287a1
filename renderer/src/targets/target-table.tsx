import type { Target } from '../../../shared/api/targets';
import { useAppStore } from '../store/store-context';
import { storedText } from './secret-field';
import { AUTH_LABELS } from './target-form-model';
import { TestResult } from './test-result';
import { formatJumpLine } from '../../../shared/targets/jump-spec';

interface TargetTableProps {
  list: readonly Target[];
  onTest: (t: Target) => void;
  onEdit: (t: Target) => void;
  onRemove: (t: Target) => void;
}

function LoginCell({ target }: { target: Target }) {
  const flags = useAppStore((s) => s.targets.secretFlags[target.id]);
  const storage = useAppStore((s) => s.targets.secretStorage?.storage ?? null);
  const note =
    target.auth === 'password' || target.auth === 'keyboard-interactive'
      ? storedText('password', flags?.hasPassword ?? false, storage)
      : target.auth === 'key' && flags?.hasPassphrase
        ? storedText('passphrase', true, storage)
        : null;
  return (
    <>
      {AUTH_LABELS[target.auth].title}
      {target.auth === 'key' && <span className="mono cell-detail">{target.keyPath}</span>}
      {note !== null && <span className="cell-detail muted">{note}</span>}
    </>
  );
}

function Row({ target, onTest, onEdit, onRemove }: { target: Target } & Omit<TargetTableProps, 'list'>) {
  const test = useAppStore((s) => s.targets.tests[target.id]);
  const selected = useAppStore((s) => s.targets.selectedId === target.id);
  return (
    <tr data-selected={selected}>
      <th scope="row">{target.name}</th>
      <td>
        <span className="mono">
          {target.host}:{target.port}
        </span>
        {target.jump !== undefined && target.jump.length > 0 && <span className="muted"> via {formatJumpLine(target.jump)}</span>}
        {target.hostKey !== undefined && (
          <span className="badge key-pinned" title={`Host key ${target.hostKey.fingerprint}, trusted since the boot medium was written`}>
            Key pinned
          </span>
        )}
      </td>
      <td>{target.user}</td>
      <td>
        <LoginCell target={target} />
      </td>
      <td>{target.tags.length === 0 ? <span className="muted">none</span> : target.tags.join(', ')}</td>
      <td aria-live="polite">
        <TestResult test={test} />
      </td>
      <td>
        <div className="row nowrap">
          {/* aria-disabled, not disabled: the button keeps keyboard focus while the test runs. */}
          <button
            type="button"
            className="button small primary"
            aria-disabled={test?.status === 'testing' ? true : undefined}
            onClick={() => test?.status !== 'testing' && onTest(target)}
          >
            Test connection
            <span className="visually-hidden"> to {target.name}</span>
          </button>
          <button type="button" className="button small" onClick={() => onEdit(target)}>
            Edit<span className="visually-hidden"> {target.name}</span>
          </button>
          <button type="button" className="button small danger-outline" onClick={() => onRemove(target)}>
            Remove<span className="visually-hidden"> {target.name}</span>
          </button>
        </div>
      </td>
    </tr>
  );
}

/** Every target with its address, login and last test, and what can be done with each. */
export function TargetTable({ list, ...handlers }: TargetTableProps) {
  return (
    <div className="table-scroll">
      <table className="target-table">
        <caption className="visually-hidden">Targets</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Address</th>
            <th scope="col">User</th>
            <th scope="col">Login</th>
            <th scope="col">Tags</th>
            <th scope="col">Last test</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.map((t) => (
            <Row key={t.id} target={t} {...handlers} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
