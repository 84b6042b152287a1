import type { RunEvent, RunEventSink } from './events';

/** 30 output events a second at most: one every 34 ms. */
export const OUTPUT_INTERVAL_MS = 34;

type Item = { text: string } | { event: RunEvent };

/**
 * Paces one run's events: output is joined and sent at most once per
 * interval, and the other events keep their place after the output that
 * came before them, so the window never shows a step end before its last
 * lines. A tick sends one output event and everything queued up to the next
 * output.
 */
export class EventPacer {
  private queue: Item[] = [];
  private timer: NodeJS.Timeout | null = null;
  private lastOutput = -Infinity;
  private idle: Array<() => void> = [];

  constructor(
    private readonly sink: RunEventSink,
    private readonly toEvent: (text: string) => RunEvent,
    private readonly intervalMs = OUTPUT_INTERVAL_MS,
  ) {}

  output(text: string): void {
    if (text === '') return;
    const last = this.queue.at(-1);
    if (last && 'text' in last) last.text += text;
    else this.queue.push({ text });
    this.schedule();
  }

  event(event: RunEvent): void {
    if (this.queue.length === 0) return this.send(event);
    this.queue.push({ event });
  }

  /** Resolves once everything queued has been sent (output still paced). */
  drain(): Promise<void> {
    if (this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private schedule(): void {
    if (this.timer) return;
    const wait = Math.max(0, Math.ceil(this.lastOutput + this.intervalMs - performance.now()));
    this.timer = setTimeout(() => this.tick(), wait);
  }

  private tick(): void {
    this.timer = null;
    // Node's timers can fire a millisecond early; never send sooner than the interval.
    if (performance.now() < this.lastOutput + this.intervalMs) return this.schedule();
    let sentOutput = false;
    while (this.queue.length > 0) {
      const item = this.queue[0] as Item;
      if ('text' in item) {
        if (sentOutput) break;
        sentOutput = true;
        this.lastOutput = performance.now();
      }
      this.queue.shift();
      this.send('text' in item ? this.toEvent(item.text) : item.event);
    }
    if (this.queue.length > 0) return this.schedule();
    for (const resolve of this.idle.splice(0)) resolve();
  }

  private send(event: RunEvent): void {
    try {
      this.sink(event);
    } catch {
      // A failing listener must not stop the install it is watching.
    }
  }
}
