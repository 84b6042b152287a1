import { describe, expect, it } from 'vitest';
import { SECTIONS } from '../../../shared/profile/sections';
import { STEP_IDS, STEPS, stepOfPath } from './step-catalogue';

describe('the step catalogue', () => {
  it("has one step per setup-alpine section, in setup-alpine's order, named as the section", () => {
    expect(STEPS.map((s) => s.id)).toEqual([...STEP_IDS]);
    expect(STEPS.flatMap((s) => s.sections)).toEqual([...SECTIONS]);
    for (const step of STEPS) if (step.sections.length > 0) expect(step.sections[0], step.title).toBe(step.id);
  });

  it('leads a problem in a section stored under another key to that section’s step', () => {
    expect(stepOfPath('apkRepos.urls.0')).toBe('apkrepos');
    expect(stepOfPath('diskless.lbuMedia')).toBe('lbu');
    expect(stepOfPath('diskless.apkCacheDir')).toBe('lbu');
    expect(stepOfPath('keymap.layout')).toBe('keymap');
    expect(stepOfPath('interfaces.0.ipv4.address')).toBe('interfaces');
  });
});
