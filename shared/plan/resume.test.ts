import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { templateById, type Profile } from '../profile';
import { validProfile } from '../profile/arbitrary.test-support';
import { plan } from './plan';
import { resumePlan, resumeRule } from './resume';

const KNOWN = ['root-password', 'setup-alpine', 'cleanup', 'user-fullname', 'user-password', 'packages', 'services', 'ip-forwarding', 'disk', 'receipt', 'lbu-commit', 'reboot'];

function template(id: string): Profile {
  const t = templateById(id);
  if (!t) throw new Error(`no template ${id}`);
  return t.make();
}

/** The plan the app runs: with its receipt, and a reboot when asked. */
const planOf = (p: Profile, reboot = false) => plan(p, { privilege: 'root' }, { reboot, receipt: { profileId: null, at: new Date(0) } });

/** The ids of a plan up to (not including) `failed`: what a run that failed there completed. */
const before = (ids: readonly string[], failed: string) => ids.slice(0, ids.indexOf(failed));

describe('a retry after a failure', () => {
  it('starts at the failed step: setup-alpine is not run again, cleanup is, and lbu commit and the receipt follow the rerun packages', () => {
    const p = { ...template('diskless-iot'), packages: ['htop'], services: [] };
    const steps = planOf(p);
    const ids = steps.map((s) => s.id);
    expect(ids).toEqual(['setup-alpine', 'cleanup', 'packages', 'receipt', 'lbu-commit']);
    const resumed = resumePlan(steps, before(ids, 'packages'));
    expect(resumed.skipped).toEqual(['setup-alpine']);
    expect(resumed.rerun).toEqual(['cleanup', 'packages', 'receipt', 'lbu-commit']);
    expect(resumed.steps.map((s) => s.id)).toEqual(resumed.rerun);
    expect(resumed.from?.title).toBe('Install the extra packages');
  });

  it('never runs setup-disk twice: a failed reboot after a disk install reruns only cleanup and the reboot', () => {
    const steps = planOf(template('old-pc'), true);
    const ids = steps.map((s) => s.id);
    expect(ids).toEqual(['setup-alpine', 'cleanup', 'packages', 'services', 'receipt', 'disk', 'reboot']);
    const resumed = resumePlan(steps, before(ids, 'reboot'));
    expect(resumed.rerun).toEqual(['cleanup', 'reboot']);
    expect(resumed.skipped).toEqual(['setup-alpine', 'packages', 'services', 'receipt', 'disk']);
    expect(resumed.from?.id).toBe('reboot');
  });

  it('reruns the receipt, setup-disk and the reboot when the services step failed, and keeps the passwords done', () => {
    const p: Profile = { ...template('old-pc'), rootPasswordHash: '$6$salt$' + 'R'.repeat(86) };
    const steps = planOf(p, true);
    const ids = steps.map((s) => s.id);
    const resumed = resumePlan(steps, before(ids, 'services'));
    expect(resumed.skipped).toEqual(['root-password', 'setup-alpine', 'packages']);
    expect(resumed.rerun).toEqual(['cleanup', 'services', 'receipt', 'disk', 'reboot']);
  });

  it('reruns everything when nothing was completed, and nothing but cleanup when everything was', () => {
    const steps = planOf(template('old-pc'));
    const ids = steps.map((s) => s.id);
    expect(resumePlan(steps, []).rerun).toEqual(ids);
    expect(resumePlan(steps, []).from?.id).toBe('setup-alpine');
    const all = resumePlan(steps, ids);
    expect(all.rerun).toEqual(['cleanup']);
    expect(all.from).toBeNull();
  });

  it('never skips a step it has no rule for, nor a step marked always', () => {
    expect(resumeRule({ id: 'something-new' })).toBe('always');
    expect(resumeRule({ id: 'packages', always: true })).toBe('always');
    const resumed = resumePlan([{ id: 'setup-alpine' }, { id: 'something-new' }, { id: 'lbu-commit' }], ['setup-alpine', 'something-new', 'lbu-commit']);
    // The unknown step may change the box, so what saves the box runs after it.
    expect(resumed.rerun).toEqual(['something-new', 'lbu-commit']);
  });
});

/** Plans of any shape: known and unknown ids (each once), some marked always, and which of them (or others) completed. */
const anyPlan = fc.uniqueArray(fc.oneof(fc.constantFrom(...KNOWN), fc.stringMatching(/^[a-z][a-z-]{0,10}$/)), { maxLength: 14 }).chain((ids) =>
  fc.record({
    steps: fc.tuple(...ids.map((id) => fc.record({ id: fc.constant(id), always: fc.boolean() }))),
    completed: fc.subarray([...ids, 'preflight', 'gone-step']),
  }),
);

describe('resumePlan of any plan', () => {
  it('never drops a step that failed or did not run, always keeps the always steps, keeps the order, and accounts for every step once', () => {
    fc.assert(
      fc.property(anyPlan, ({ steps, completed }) => {
        const done = new Set(completed);
        const resumed = resumePlan(steps, completed);
        const kept = resumed.steps.map((s) => s.id);
        for (const s of steps) {
          if (!done.has(s.id) || s.always || resumeRule(s) === 'always') expect(kept).toContain(s.id);
        }
        // Order preserved: the kept steps are the plan with some left out.
        expect(kept).toEqual(steps.map((s) => s.id).filter((id) => kept.includes(id)));
        expect(resumed.rerun).toEqual(kept);
        expect([...resumed.skipped, ...resumed.rerun].sort()).toEqual(steps.map((s) => s.id).sort());
        // Only completed steps are ever skipped, and the resumption starts at the first one that was not.
        for (const id of resumed.skipped) expect(done.has(id)).toBe(true);
        expect(resumed.from?.id ?? null).toBe(steps.find((s) => !done.has(s.id))?.id ?? null);
      }),
      { numRuns: 500 },
    );
  });

  it('reruns lbu commit, the receipt and the reboot whenever a step before them that changes the box runs again', () => {
    fc.assert(
      fc.property(anyPlan, ({ steps, completed }) => {
        const resumed = resumePlan(steps, completed);
        const kept = resumed.steps.map((s) => s.id);
        steps.forEach((s, i) => {
          if (resumeRule(s) !== 'after-changes') return;
          const changedBefore = steps.slice(0, i).some((b) => kept.includes(b.id) && b.id !== 'cleanup');
          if (changedBefore) expect(kept).toContain(s.id);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('on the real plan of any valid profile, skips nothing when nothing completed and never runs setup-alpine or setup-disk again once done', () => {
    fc.assert(
      fc.property(validProfile, fc.boolean(), fc.nat(), (p, reboot, cut) => {
        const steps = planOf(p, reboot);
        const ids = steps.map((s) => s.id);
        expect(resumePlan(steps, []).steps).toEqual(steps);
        const completed = ids.slice(0, cut % (ids.length + 1));
        const resumed = resumePlan(steps, completed);
        for (const once of ['setup-alpine', 'disk']) if (completed.includes(once)) expect(resumed.skipped).toContain(once);
        if (ids.includes('cleanup')) expect(resumed.rerun).toContain('cleanup');
      }),
      { numRuns: 100 },
    );
  });
});
