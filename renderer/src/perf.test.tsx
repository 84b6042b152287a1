// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import type { ProfilerOnRenderCallback } from 'react';
import { describe, expect, it } from 'vitest';
import { templateById } from '../../shared/profile/templates';
import { engine } from './engine/engine';
import { openStep, renderApp } from './test-support/render-app.test-support';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? NaN;

describe('performance', () => {
  it('typing in a field re-renders only its step and the preview', async () => {
    const commits = new Map<string, number>();
    const durations: number[] = [];
    const onRender: ProfilerOnRenderCallback = (id, _phase, actualDuration) => {
      commits.set(id, (commits.get(id) ?? 0) + 1);
      if (id === 'step') durations.push(actualDuration);
    };
    const { user } = renderApp({ onRender });
    await openStep(user, 'Network');
    const address = screen.getByRole('textbox', { name: 'Name' });
    // The first change flips "Not saved yet" to "Unsaved changes" once; count what follows.
    await user.type(address, '0');
    commits.clear();
    durations.length = 0;
    await user.type(address, '123456789');

    const counts = Object.fromEntries(['profile-bar', 'import-report', 'stepper', 'step', 'preview'].map((id) => [id, commits.get(id) ?? 0]));
    console.log(`render commits for 9 keystrokes: ${JSON.stringify(counts)}; step commit median ${median(durations).toFixed(2)} ms`);
    expect(counts).toEqual({ 'profile-bar': 0, 'import-report': 0, stepper: 0, step: 9, preview: 9 });
  });

  it('the preview (render + validate) takes well under a frame for a typical profile', () => {
    const router = templateById('router')?.make();
    if (!router) throw new Error('The router template is missing.');
    const profile = {
      ...router,
      user: router.user && { ...router.user, sshKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPerfTestKey000000000000000000000000000000 me@desk'] },
      packages: [...router.packages, 'htop', 'curl', 'tcpdump', 'iperf3', 'wireguard-tools'],
    };
    const cold = performance.now();
    engine.validate(profile);
    engine.render(profile);
    const coldMs = performance.now() - cold;
    const times: number[] = [];
    for (let n = 0; n < 200; n++) {
      // A fresh object each time, as every keystroke makes one.
      const p = { ...profile, hostname: `router-${n}` };
      const t = performance.now();
      engine.validate(p);
      engine.render(p);
      times.push(performance.now() - t);
    }
    console.log(`preview render+validate: first ${coldMs.toFixed(2)} ms, median ${median(times).toFixed(3)} ms, p95 ${p95(times).toFixed(3)} ms (budget 16 ms)`);
    expect(median(times)).toBeLessThan(16);
    expect(p95(times)).toBeLessThan(16);
  });
});
