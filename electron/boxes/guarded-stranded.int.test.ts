import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenSshTarget, type TestTarget } from '../../e2e/target';
import { boxHarness, type BoxHarness } from '../ipc/box-harness.test-support';
import { createBoxAccess, type BoxAccess } from './access';
import { GUARD_START_MS, applyGuarded } from './guarded-change';

// A box whose revert timer never runs (here a setsid that starts nothing; on
// a real box, the guard killed or out of memory) must not keep Cairn waiting
// out the window and then say the box cannot be reached: the box answers,
// and says its guard is gone.
describe('a guarded change whose revert timer never runs', () => {
  let target: TestTarget;
  let h: BoxHarness;
  let access: BoxAccess;
  let targetId: string;
  const onBox = (file: string) => path.join(target.root ?? '/nonexistent', file);

  beforeAll(async () => {
    target = await startOpenSshTarget();
    h = await boxHarness();
    targetId = await h.addTarget(target, 'router');
    access = createBoxAccess({ targets: h.services.targets, secrets: h.services.secrets, knownHosts: h.services.knownHosts, userKnownHostsPath: null, homeDir: h.dir, log: h.log });
    // Ahead of /usr/bin/setsid on the box's PATH.
    mkdirSync(onBox('usr/local/bin'), { recursive: true });
    writeFileSync(onBox('usr/local/bin/setsid'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    writeFileSync(onBox('etc/app.conf'), 'listen 80\n');
  });
  afterAll(async () => {
    if (target?.root) rmSync(onBox('usr/local/bin/setsid'), { force: true });
    await target?.stop();
    await h?.cleanup();
  });

  it('says the change was not made as soon as the guard is seen gone, not after the window', async () => {
    const t = await access.target(targetId);
    if (!t.ok) throw new Error(t.error.message);
    const began = performance.now();
    const result = await applyGuarded(
      { access, retryMs: 300, graceMs: 20_000 },
      t.value,
      { files: [{ path: '/etc/app.conf', content: 'listen 8080\n', mode: 0o644 }], restart: [], windowMs: 60_000 },
      () => undefined,
    );
    const took = performance.now() - began;
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'remote-failed', message: expect.stringContaining('stopped before it applied anything, so the change was not made') },
    });
    // Before: the whole window and the grace (80 s), then "cannot reach".
    expect(took).toBeGreaterThanOrEqual(GUARD_START_MS);
    expect(took).toBeLessThan(GUARD_START_MS + 15_000);
    expect(readFileSync(onBox('etc/app.conf'), 'utf8')).toBe('listen 80\n');
  });
});
