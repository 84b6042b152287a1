import { describe, expect, it } from 'vitest';
import type { Target } from '../../shared/api/targets';
import type { GuardPlan, GuardReport } from '../../shared/boxes/revert-script';
import { guardGone } from './guarded-change';

const router: Target = { id: 'router-1', name: 'router', host: '192.0.2.1', port: 22, user: 'root', auth: 'agent', tags: [] };
const plan: GuardPlan = { id: 'c-1', files: [{ path: '/etc/network/interfaces', content: 'auto lo\n', mode: 0o644 }], restart: ['networking'], stop: [], windowSeconds: 90 };
const report = (state: GuardReport['state'], log: string[]): GuardReport => ({ state, why: null, complete: true, log, guardGone: true });

// What the person reads when the box's revert timer is gone before the change was decided: whether
// anything changed decides whether to simply try again or to go and look at the box.
describe('a change stranded by its revert timer', () => {
  it('says nothing was made when the guard never logged applying', () => {
    expect(guardGone(router, plan, report('applying', [])).message).toBe(
      "The revert timer on router stopped before it applied anything, so the change was not made: try again, and check the box's memory and processes if it keeps happening.",
    );
  });

  it('names the files and where their saved copies are when it stopped part-way', () => {
    const applying = guardGone(router, plan, report('applying', ['10:00:00 applying the change']));
    expect(applying).toMatchObject({ code: 'remote-failed', stderr: '10:00:00 applying the change' });
    expect(applying.message).toBe(
      "The revert timer on router stopped while applying the change, so nothing will finish it by itself: check /etc/network/interfaces at the box's console (its saved copies are in /var/lib/cairn/guard/c-1).",
    );
    const undoing = guardGone(router, plan, report('reverting', ['10:00:00 applying the change', '10:01:30 undoing the change (timeout)']));
    expect(undoing.message).toMatch(/^The revert timer on router stopped while putting the change back, so nothing will finish it by itself/);
  });
});
