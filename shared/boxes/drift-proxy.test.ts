import { describe, expect, it } from 'vitest';
import { runWithShims } from '../plan/shims.test-support';
import { fixSteps } from './drift';
import { driftOf, pi, piProfile, rows } from './drift-pi.test-support';

const PROXY_SH =
  '# this file was generated with and might get overwritten by setup-proxy\n\nexport http_proxy=http://proxy.lan:3128\nexport https_proxy=http://proxy.lan:3128\nexport ftp_proxy=http://proxy.lan:3128\nexport no_proxy=localhost';

describe('proxy drift', () => {
  it('reads the proxy setup-proxy wrote and matches it', () => {
    expect(driftOf({ ...piProfile(), proxy: 'http://proxy.lan:3128' }, pi({ proxy: PROXY_SH }))).toEqual([]);
  });

  it('reports a missing, a different and an unwanted proxy', () => {
    expect(rows({ ...piProfile(), proxy: 'http://proxy.lan:3128' }, pi())).toEqual([
      { field: 'proxy', item: null, expected: 'http://proxy.lan:3128', actual: 'no proxy (/etc/profile.d/proxy.sh)', guarded: false },
    ]);
    expect(rows({ ...piProfile(), proxy: 'http://other:8080' }, pi({ proxy: PROXY_SH }))[0]?.actual).toBe('http://proxy.lan:3128');
    expect(rows(piProfile(), pi({ proxy: PROXY_SH }))).toEqual([{ field: 'proxy', item: null, expected: 'no proxy', actual: 'http://proxy.lan:3128', guarded: false }]);
  });

  it('never shows the password of a proxy URL', () => {
    const [found] = driftOf({ ...piProfile(), proxy: 'http://jane:s3cret@proxy.lan:3128' }, pi({ proxy: PROXY_SH }));
    expect(JSON.stringify({ ...found, fix: { ...found?.fix, command: '' } })).not.toContain('s3cret');
    expect(found?.expected).toBe('http://jane:•••@proxy.lan:3128');
  });

  it('runs setup-proxy quietly with the URL, or none to remove it', () => {
    const set = fixSteps(driftOf({ ...piProfile(), proxy: 'http://proxy.lan:3128' }, pi()));
    const unset = fixSteps(driftOf(piProfile(), pi({ proxy: PROXY_SH })));
    const run = runWithShims([...set, ...unset].map((s) => s.command).join(' && '), ['setup-proxy']);
    expect(run.calls.map((c) => [c.name, ...c.args])).toEqual([
      ['setup-proxy', '-q', 'http://proxy.lan:3128'],
      ['setup-proxy', '-q', 'none'],
    ]);
  });
});
