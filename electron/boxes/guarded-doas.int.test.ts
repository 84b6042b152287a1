import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDropbearTarget, type TestTarget } from '../../e2e/target';
import { boxHarness, type BoxHarness } from '../ipc/box-harness.test-support';
import { createBoxAccess, type BoxAccess } from './access';
import { applyGuarded, type GuardDeps } from './guarded-change';

const WINDOW_MS = 30_000;

// Confirm-or-revert for a login that is not root and whose doas asks for its
// password (setup-user's wheel rule), on Debian's real doas: saving, arming,
// confirming and clearing the guard all run as root with the password typed
// when asked. The change is to a file of this test only, so the host (which
// is the Dropbear target's userland) keeps its own configuration.
describe('a guarded change through doas with a password', () => {
  let target: TestTarget;
  let h: BoxHarness;
  let access: BoxAccess;
  let targetId: string;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    target = await startDropbearTarget({ doas: 'password' });
    h = await boxHarness();
    targetId = await h.addTarget(target, 'router');
    access = createBoxAccess({ targets: h.services.targets, secrets: h.services.secrets, knownHosts: h.services.knownHosts, userKnownHostsPath: null, homeDir: h.dir, log: h.log });
    // Root's, so only root can write in it: the login must go through doas.
    dir = mkdtempSync('/var/tmp/cairn-guarded-doas-');
    file = path.join(dir, 'app.conf');
    writeFileSync(file, 'listen 80\n', { mode: 0o644 });
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await target?.stop();
    await h?.cleanup();
  });

  const change = async () => {
    const t = await access.target(targetId);
    if (!t.ok) throw new Error(t.error.message);
    const deps: GuardDeps = { access, retryMs: 300, graceMs: 20_000 };
    // Not the shortest window: arming, reconnecting and confirming each wait for doas on a terminal,
    // which a loaded machine (CI, 2 cores) slows down. Confirming ends the window early.
    return applyGuarded(deps, t.value, { files: [{ path: file, content: 'listen 8080\n', mode: 0o640 }], restart: [], windowMs: WINDOW_MS }, () => undefined);
  };

  it('is refused before anything changes while no doas password is kept, saying where to enter it', async () => {
    const result = await change();
    expect(result).toMatchObject({ ok: false, error: { code: 'auth-failed' } });
    if (!result.ok) expect(result.error.message).toMatch(/enter it as the target's doas password/);
    expect(readFileSync(file, 'utf8')).toBe('listen 80\n');
  });

  it('applies and confirms as root once the password is kept, and the password is in no log', async () => {
    await h.services.secrets.set(targetId, 'doas', target.password);
    const result = await change();
    expect(result).toMatchObject({ ok: true, value: { outcome: 'confirmed' } });
    expect(readFileSync(file, 'utf8')).toBe('listen 8080\n');
    expect(statSync(file).mode & 0o7777).toBe(0o640);
    expect(await h.logText()).not.toContain(target.password);
  });
});
