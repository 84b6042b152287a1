import { describe, expect, it } from 'vitest';
import { EventPacer } from './batcher';
import type { RunEvent } from './events';

const ref = { runId: 'run-1', fleetId: null, targetId: 'box' };
const done = (): RunEvent => ({ type: 'run.done', ...ref, status: 'succeeded', error: null, findings: [] });

function pacer() {
  const seen: Array<{ event: RunEvent; at: number }> = [];
  const p = new EventPacer(
    (event) => seen.push({ event, at: performance.now() }),
    (text) => ({ type: 'run.output', ...ref, text }),
  );
  const texts = () => seen.flatMap(({ event }) => (event.type === 'run.output' ? [event.text] : []));
  return { p, seen, texts };
}

describe('pacing a run’s events', () => {
  it('sends at most 30 output events in any second of a steady stream, losing nothing', async () => {
    const { p, seen, texts } = pacer();
    let sent = '';
    const start = performance.now();
    while (performance.now() - start < 1300) {
      const piece = `${sent.length}\n`;
      sent += piece;
      p.output(piece);
      await new Promise((r) => setTimeout(r, 1));
    }
    await p.drain();
    expect(texts().join('')).toBe(sent);
    const times = seen.map((s) => s.at);
    for (const t of times) expect(times.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(30);
    expect(times.length).toBeGreaterThan(25);
  });

  it('keeps other events after the output that came before them', async () => {
    const { p, seen } = pacer();
    p.event(done());
    p.output('a');
    p.output('b');
    p.event(done());
    p.output('c');
    await p.drain();
    expect(seen.map(({ event }) => (event.type === 'run.output' ? event.text : event.type))).toEqual(['run.done', 'ab', 'run.done', 'c']);
  });

  it('survives a listener that throws', async () => {
    const p = new EventPacer(
      () => {
        throw new Error('window gone');
      },
      (text) => ({ type: 'run.output', ...ref, text }),
    );
    p.output('x');
    await expect(p.drain()).resolves.toBeUndefined();
  });
});
