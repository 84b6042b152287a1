import { describe, expect, it } from 'vitest';
import type { RunActivity } from '../runs/fleet-registry';
import type { RunActivityListener } from '../runs/run-services';
import { setupDesktop, type NotificationClass, type WindowLike } from './setup-desktop';

function desktop(options: { focused?: boolean; supported?: boolean } = {}) {
  const shown: Array<{ title: string; body: string }> = [];
  const clicks: Array<() => void> = [];
  const bar: number[] = [];
  const calls: string[] = [];
  class FakeNotification {
    static isSupported = () => options.supported ?? true;
    constructor(private readonly text: { title: string; body: string }) {}
    show() {
      shown.push(this.text);
    }
    on(_event: 'click', listener: () => void) {
      clicks.push(listener);
      return this;
    }
  }
  const win: WindowLike = {
    isDestroyed: () => false,
    isFocused: () => options.focused ?? false,
    setProgressBar: (v) => bar.push(v),
    show: () => calls.push('show'),
    focus: () => calls.push('focus'),
  };
  let listener: RunActivityListener = () => undefined;
  const stop = setupDesktop({
    onRunActivity: (l) => {
      listener = l;
      return () => (listener = () => undefined);
    },
    Notification: FakeNotification satisfies NotificationClass,
    getWindow: () => win,
  });
  return { send: (a: RunActivity) => listener(a), shown, clicks, bar, calls, stop };
}

const fleet = { fleetId: 'fleet-1', profileName: 'Old PC' };
const run = { runId: 'run-1', targetId: 't-1', targetName: 'garage' };

describe('the desktop shell during runs', () => {
  it('shows progress on the taskbar, removes it at the end, and notifies once per fleet; a click brings the window back', () => {
    const d = desktop();
    d.send({ type: 'fleet.started', ...fleet, runs: [run] });
    d.send({
      type: 'run.step',
      runId: 'run-1',
      fleetId: 'fleet-1',
      targetId: 't-1',
      stepId: 'preflight',
      title: 'Check',
      status: 'succeeded',
      exitCode: 0,
      findings: [],
      error: null,
    });
    d.send({ type: 'run.done', runId: 'run-1', fleetId: 'fleet-1', targetId: 't-1', status: 'failed', error: null, findings: [] });
    expect(d.shown).toEqual([]);
    d.send({ type: 'fleet.done', ...fleet, runs: [{ ...run, status: 'failed' }] });
    expect(d.bar).toEqual([0, 1, -1]);
    expect(d.shown).toEqual([{ title: 'Install on garage failed', body: '“Old PC” on garage failed. Open Cairn to read why in the log, then retry.' }]);
    d.clicks[0]?.();
    expect(d.calls).toEqual(['show', 'focus']);
  });

  it('does not notify while Cairn has the focus, or where the system has no notifications', () => {
    for (const d of [desktop({ focused: true }), desktop({ supported: false })]) {
      d.send({ type: 'fleet.done', ...fleet, runs: [{ ...run, status: 'succeeded' }] });
      expect(d.shown).toEqual([]);
    }
  });

  it('stops listening when asked', () => {
    const d = desktop();
    d.stop();
    d.send({ type: 'fleet.done', ...fleet, runs: [{ ...run, status: 'succeeded' }] });
    expect(d.shown).toEqual([]);
  });
});
