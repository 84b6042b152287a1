import { describe, expect, it } from 'vitest';
import { createAppStore } from './create-store';
import { OUTPUT_LIMIT, outputKey } from './boxes-slice';

const boxes = (store: ReturnType<typeof createAppStore>) => store.getState().boxes;
const unreachable = { code: 'unreachable' as const, message: 'Nothing answered.' };

describe('the boxes slice', () => {
  it('keeps the last facts of a box on its card while it is read again', () => {
    const store = createAppStore();
    boxes(store).readingStarted(['a']);
    expect(boxes(store).cards.a).toEqual({ reading: true, outcome: null });
    boxes(store).factsArrived({ targetId: 'a', outcome: { ok: false, error: unreachable, at: '2025-01-01T00:00:00Z' } });
    boxes(store).readingStarted(['a']);
    expect(boxes(store).cards.a).toEqual({ reading: true, outcome: { ok: false, error: unreachable, at: '2025-01-01T00:00:00Z' } });
  });

  it('keeps the last answer of a detail card while it reloads and after a failed reload', () => {
    const store = createAppStore();
    boxes(store).queryStarted('a', 'lbuStatus');
    boxes(store).queryFinished('a', 'lbuStatus', { ok: true, value: { changes: [{ kind: 'added', path: 'etc/motd' }] } }, new Date('2025-01-01T00:00:00Z'));
    boxes(store).queryStarted('a', 'lbuStatus');
    expect(boxes(store).details.a?.lbuStatus).toEqual({ status: 'loading', last: { changes: [{ kind: 'added', path: 'etc/motd' }] } });
    boxes(store).queryFinished('a', 'lbuStatus', { ok: false, error: unreachable });
    expect(boxes(store).details.a?.lbuStatus).toEqual({ status: 'error', error: unreachable, last: { changes: [{ kind: 'added', path: 'etc/motd' }] } });
    expect(boxes(store).details.a?.services).toBeUndefined();
  });

  it('joins the output of one run, starts again for the next run of the same action, and keeps only the end of a long one', () => {
    const store = createAppStore();
    const out = (runId: string, text: string) => boxes(store).outputArrived({ runId, targetId: 'a', action: 'upgrade', text });
    out('run-1', '(1/2) Upgrading musl\n');
    out('run-1', '(2/2) Upgrading busybox\n');
    expect(boxes(store).outputs[outputKey('a', 'upgrade')]).toEqual({ runId: 'run-1', text: '(1/2) Upgrading musl\n(2/2) Upgrading busybox\n', running: true });
    out('run-2', 'OK\n');
    expect(boxes(store).outputs[outputKey('a', 'upgrade')]?.text).toBe('OK\n');
    out('run-2', 'x'.repeat(OUTPUT_LIMIT));
    const text = boxes(store).outputs[outputKey('a', 'upgrade')]?.text ?? '';
    expect(text).toHaveLength(OUTPUT_LIMIT);
    expect(text.startsWith('OK')).toBe(false);
  });

  it('knows the run of an action from its first, empty event, until the action answers', () => {
    const store = createAppStore();
    const out = (runId: string, text: string) => boxes(store).outputArrived({ runId, targetId: 'a', action: 'add-packages', text });
    out('run-1', 'Installing htop\n');
    boxes(store).actionEnded('a', 'add-packages');
    expect(boxes(store).outputs[outputKey('a', 'add-packages')]).toEqual({ runId: 'run-1', text: 'Installing htop\n', running: false });
    // The next install announces itself before apk prints anything: its run id is known, the old text is gone.
    out('run-2', '');
    expect(boxes(store).outputs[outputKey('a', 'add-packages')]).toEqual({ runId: 'run-2', text: '', running: true });
    out('run-2', 'Installing tmux\n');
    expect(boxes(store).outputs[outputKey('a', 'add-packages')]?.running).toBe(true);
    boxes(store).actionEnded('a', 'add-packages');
    boxes(store).actionEnded('a', 'upgrade');
    expect(boxes(store).outputs).toEqual({ [outputKey('a', 'add-packages')]: { runId: 'run-2', text: 'Installing tmux\n', running: false } });
  });

  it('does not go back to waiting when the box was back before the answer to the reboot arrived', () => {
    const store = createAppStore();
    boxes(store).backArrived({ targetId: 'a', runId: 'run-1', ok: true, bootId: 'b2' }, new Date('2025-01-01T00:01:00Z'));
    boxes(store).powerWaiting('a', 'run-1');
    expect(boxes(store).power.a).toEqual({ state: 'back', runId: 'run-1', at: '2025-01-01T00:01:00.000Z' });
    boxes(store).powerWaiting('a', 'run-2', new Date('2025-01-01T00:02:00Z'));
    expect(boxes(store).power.a).toEqual({ state: 'waiting', runId: 'run-2', since: '2025-01-01T00:02:00.000Z' });
    boxes(store).backArrived(
      { targetId: 'a', runId: 'run-2', ok: false, bootId: null, error: { code: 'timeout', message: 'a did not come back within 600 s.' } },
      new Date('2025-01-01T00:12:00Z'),
    );
    expect(boxes(store).power.a).toMatchObject({ state: 'lost', error: { code: 'timeout' } });
  });

  it('forgets what it kept for targets that were removed, and closes a removed box', () => {
    const store = createAppStore();
    boxes(store).readingStarted(['a', 'b']);
    boxes(store).outputArrived({ runId: 'run-1', targetId: 'b', action: 'lbu-commit', text: 'lbu commit: x\n' });
    boxes(store).queryStarted('b', 'services');
    boxes(store).open('b');
    boxes(store).keepOnly(['a']);
    expect(Object.keys(boxes(store).cards)).toEqual(['a']);
    expect(boxes(store).outputs).toEqual({});
    expect(boxes(store).details).toEqual({});
    expect(boxes(store).openId).toBeNull();
  });
});
