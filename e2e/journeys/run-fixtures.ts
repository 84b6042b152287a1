import type { Page } from '@playwright/test';
import type { CairnBridge } from '../../shared/api/bridge';
import { startOpenSshTarget, type TargetOptions, type TestTarget } from '../target';
import { test as base } from './fixtures';

export interface RunFixtures {
  /** Starts `count` SSH test targets (sshd in an Alpine chroot with recording stand-ins), stopped after the test. */
  boxes: (count: number) => Promise<TestTarget[]>;
  /** Starts one SSH test target with these options (an address, a port, a boot overlay), stopped after the test. */
  box: (options: TargetOptions) => Promise<TestTarget>;
}

// Typed through `base` so the declaration names no type that fixtures.ts keeps to itself.
export const test: ReturnType<typeof base.extend<RunFixtures>> = base.extend<RunFixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a function asks for from its first parameter.
  boxes: async ({}, use) => {
    const started: TestTarget[] = [];
    await use(async (count) => {
      const boxes = await Promise.all(Array.from({ length: count }, () => startOpenSshTarget()));
      started.push(...boxes);
      return boxes;
    });
    await Promise.all(started.map((b) => b.stop()));
  },
  // eslint-disable-next-line no-empty-pattern -- see above.
  box: async ({}, use) => {
    const started: TestTarget[] = [];
    await use(async (options) => {
      const box = await startOpenSshTarget(options);
      started.push(box);
      return box;
    });
    await Promise.all(started.map((b) => b.stop()));
  },
});

export { expect } from './fixtures';

/**
 * A target that logs in with the box's key, saved and its host key trusted
 * through the page's window.cairn (the real handlers), as if added and
 * tested earlier. `port` is where Cairn connects (a relay in front of the box).
 */
export async function seedTarget(page: Page, box: TestTarget, name: string, port = box.port): Promise<string> {
  const input = { name, host: box.host, port, user: box.user, keyPath: box.privateKeyPath, key: box.hostPublicKey.split(' ')[1] ?? '' };
  return page.evaluate(async ({ key, ...t }) => {
    const cairn = (window as unknown as { cairn: CairnBridge }).cairn;
    const saved = (await cairn.targets.save({ target: { ...t, auth: 'key', tags: [] } })) as { ok: boolean; value: { id: string } };
    // "Trust" takes only the key the box last showed Cairn: a first test shows it, as on the Targets screen.
    if (saved.ok) await cairn.targets.testConnection({ targetId: saved.value.id });
    const trusted = (await cairn.knownHosts.accept({ host: t.host, port: t.port, keyType: 'ssh-ed25519', key })) as { ok: boolean };
    if (!saved.ok || !trusted.ok) throw new Error(`Seeding the target ${t.name} failed.`);
    return saved.value.id;
  }, input);
}
