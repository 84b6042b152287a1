import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDropbearTarget, type TestTarget } from '../../e2e/target';
import { harness, type Harness } from '../services.test-support';
import { createBoxAccess, type BoxAccess } from './access';
import { runOnBox } from './run-on-box';

// Box actions of a login that is not root, on Debian's real doas: with a
// "permit persist" rule (setup-user's wheel rule) doas asks for the password
// on a terminal, and Cairn types the one kept as the target's doas password.
describe.each([['password' as const], ['nopass' as const]])('a box whose doas rule is %s', (rule) => {
  let target: TestTarget;
  let h: Harness;
  let access: BoxAccess;
  let targetId: string;
  beforeAll(async () => {
    target = await startDropbearTarget({ doas: rule });
    h = await harness();
    const saved = await h.services.targets.save({ name: 'router', host: target.host, port: target.port, user: target.user, auth: 'key', keyPath: target.privateKeyPath, tags: [] });
    if (!saved.ok) throw new Error(saved.error.message);
    targetId = saved.value.id;
    const [keyType = '', key = ''] = target.hostPublicKey.split(' ');
    await h.services.knownHosts.add(target.host, target.port, keyType, key);
    access = createBoxAccess({ targets: h.services.targets, secrets: h.services.secrets, knownHosts: h.services.knownHosts, userKnownHostsPath: null, homeDir: h.dir, log: h.log });
  });
  afterAll(async () => {
    await target?.stop();
    await h?.cleanup();
  });

  const rootUid = async () => {
    const t = await access.target(targetId);
    if (!t.ok) throw new Error(t.error.message);
    const link = await access.connect(t.value);
    if (!link.ok) throw new Error(link.error.message);
    try {
      return await runOnBox(link.value.conn, ['id', '-u'], 'id -u', { ...link.value.context, timeoutMs: 20_000 });
    } finally {
      await link.value.conn.close();
    }
  };

  it(rule === 'password' ? 'is refused, saying where to enter the doas password, while none is kept' : 'runs as root without any password', async () => {
    const ran = await rootUid();
    if (rule === 'nopass') {
      expect(ran.ok && ran.value.stdout).toBe('0\n');
      return;
    }
    expect(ran.ok).toBe(false);
    if (!ran.ok) expect(ran.error.message).toMatch(/asks for the login's password: enter it as the target's doas password/);
  });

  it('runs as root once the doas password is kept, and the password is in no log', async () => {
    await h.services.secrets.set(targetId, 'doas', target.password);
    const ran = await rootUid();
    expect(ran.ok && ran.value.stdout).toBe('0\n');
    expect(await h.logText()).not.toContain(target.password);
  });
});
