import { describe, expect, it } from 'vitest';
import { errorAt, withChange } from './validate.test-support';

describe('apkrepos', () => {
  it('checks repositories', () => {
    const p = withChange((p) => {
      p.apkRepos = { mode: 'urls', urls: ['dl-cdn/alpine'], community: false };
    });
    expect(errorAt(p, 'apkRepos.urls.0'), 'apkRepos.urls.0').toBeDefined();
    expect(
      errorAt(
        withChange((p) => (p.apkRepos = { mode: 'urls', urls: [], community: true })),
        'apkRepos.urls',
      ),
    ).toBeDefined();
    expect(
      errorAt(
        withChange((p) => (p.apkRepos.urls = ['https://x.org/a'])),
        'apkRepos.urls',
      ),
    ).toBeDefined();
  });
});
