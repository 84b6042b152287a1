import { describeError } from '../../../shared/api/error-sentences';
import type { TargetTest } from '../store/targets-slice';

const time = (iso: string) => new Date(iso).toLocaleTimeString();

/** The last test of a target in a few words, with what matters for an install called out. */
export function TestResult({ test }: { test: TargetTest | undefined }) {
  if (test === undefined) return <span className="test-result muted">Not tested</span>;
  if (test.status === 'testing') return <span className="test-result muted">Testing…</span>;
  if (test.status === 'failed') {
    const { error } = test;
    const short = error.code === 'host-key-unknown' ? 'Host key not trusted yet' : error.code === 'host-key-changed' ? 'Host key has CHANGED: not connected' : describeError(error);
    return (
      <span className="test-result" data-status="error">
        <span className="visually-hidden">Failed: </span>
        {short} <span className="muted">({time(test.at)})</span>
      </span>
    );
  }
  const { alpineVersion, arch, isRoot } = test.report;
  const warnings = [...(alpineVersion === null ? ['not Alpine Linux: Cairn installs only onto Alpine'] : []), ...(isRoot ? [] : ['not logged in as root: installing needs root'])];
  return (
    <span className="test-result" data-status={warnings.length > 0 ? 'warning' : 'ok'}>
      {alpineVersion === null ? 'Connected' : `Alpine ${alpineVersion}`}, {arch}
      {isRoot ? ', root' : ''}
      {warnings.length > 0 && <span className="test-warning"> ({warnings.join('; ')})</span>} <span className="muted">({time(test.at)})</span>
    </span>
  );
}
