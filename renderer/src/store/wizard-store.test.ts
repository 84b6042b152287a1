import { describe, expect, it } from 'vitest';
import { defaultProfile } from '../../../shared/profile/defaults';
import { engine } from '../engine/engine';
import { withInterface } from '../wizard/profile-edits';
import { createAppStore } from './create-store';
import { selectDirty, selectFieldProblem, selectPreview, selectProblems, selectStepStatuses } from './derived';
import { draftProblems, shiftDrafts } from './draft-problems';

describe('the wizard store', () => {
  it('starts on the first step with the default profile, not dirty', () => {
    const store = createAppStore({ engine });
    const s = store.getState();
    expect(s.wizard.step).toBe('keymap');
    expect(s.wizard.profile).toEqual(defaultProfile());
    expect(selectDirty(s)).toBe(false);
  });

  it('derives problems, step statuses and the preview from the profile without storing them', () => {
    const store = createAppStore({ engine });
    store.getState().wizard.update((p) => ({ ...p, hostname: 'bad host' }));
    const s = store.getState();
    expect(selectFieldProblem(s, 'hostname')).toMatch(/^error\|A hostname may only contain/);
    expect(selectStepStatuses(s).split(',')[1]).toBe('error');
    expect(selectPreview(s)).toEqual({ ok: true, text: engine.render(s.wizard.profile) });
    // Same state, same objects: subscribers are not woken by a recomputation.
    expect(selectProblems(store.getState())).toBe(selectProblems(s));
    expect(Object.keys(s.wizard)).not.toContain('problems');
  });

  it('waits for the engine: no problems and no preview until it is there', () => {
    const store = createAppStore();
    store.getState().wizard.update((p) => ({ ...p, hostname: 'bad host' }));
    expect(selectProblems(store.getState())).toEqual([]);
    expect(selectPreview(store.getState())).toBeNull();
    store.getState().ui.setEngine(engine);
    expect(selectProblems(store.getState()).map((p) => p.path)).toContain('hostname');
  });

  it('a whole-number draft that is not a number is a problem at that field, and the profile gets null', () => {
    const store = createAppStore({ engine });
    const path = 'interfaces.0.ipv4.prefix';
    store.getState().wizard.edit((w) => ({
      drafts: { ...w.drafts, [path]: '24x' },
      profile: withInterface(w.profile, 0, (i) => ({ ...i, ipv4: { mode: 'static', address: '10.0.0.2', prefix: null, gateway: '' } })),
    }));
    const problems = selectProblems(store.getState()).filter((p) => p.path === path);
    expect(problems).toEqual([{ path, severity: 'error', message: '"24x" is not a whole number; write digits only, like 24.' }]);
    expect(draftProblems({ 'disk.swapMb': ' 512 ', 'hostname#search': 'x y' })).toEqual([]);
  });

  it('keeps drafts with their interface when an earlier one is removed', () => {
    const drafts = { 'interfaces.0.ipv4.prefix': 'a', 'interfaces.1.ipv4.prefix': 'b', 'interfaces.2.ipv6.prefix': 'c', 'disk.swapMb': 'd' };
    expect(shiftDrafts(drafts, 'interfaces', 1)).toEqual({ 'interfaces.0.ipv4.prefix': 'a', 'interfaces.1.ipv6.prefix': 'c', 'disk.swapMb': 'd' });
  });

  it('an import is guarded until saved; a template or an opened profile is not', () => {
    const store = createAppStore({ engine });
    store.getState().wizard.replace({ ...defaultProfile(), hostname: 'imported' }, { id: null, pristine: false });
    expect(selectDirty(store.getState())).toBe(true);
    store.getState().wizard.markSaved('id-1', store.getState().wizard.profile);
    expect(selectDirty(store.getState())).toBe(false);
    store.getState().wizard.update((p) => ({ ...p, hostname: 'changed' }));
    expect(selectDirty(store.getState())).toBe(true);
    store.getState().wizard.update((p) => ({ ...p, hostname: 'imported' }));
    expect(selectDirty(store.getState())).toBe(false);
  });

  it('"go to field" opens the step that owns the path and asks for focus', () => {
    const store = createAppStore({ engine });
    store.getState().navigation.goToField('disk.disks.1');
    expect(store.getState().wizard.step).toBe('disk');
    expect(store.getState().ui.focusRequest).toEqual({ path: 'disk.disks.1', seq: 1 });
    store.getState().navigation.goToField('name');
    expect(store.getState().wizard.step).toBe('review');
  });
});
