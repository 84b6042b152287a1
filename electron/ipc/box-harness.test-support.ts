import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestTarget } from '../../e2e/target';
import type { RequestOf, ResultOf } from '../../shared/api/channels';
import type { EventPayload } from '../../shared/api/events';
import type { ChannelName, EventName } from '../../shared/api/names';
import type { Result } from '../../shared/api/result';
import type { BoxOptions } from '../boxes/box-service';
import type { BoxRunSummary } from '../boxes/box-run';
import { harness, type Harness } from '../services.test-support';
import { dispatch } from './dispatch';
import { createEventSender } from './events';
import { createHandlers } from './handlers';

export interface SentEvent {
  event: EventName;
  payload: unknown;
}

/** Quick waits for the test target, which answers at once or not at all. */
export const TEST_BOX_OPTIONS: BoxOptions = { backIntervalMs: 50, backTimeoutMs: 20_000, readyTimeoutMs: 5000, concurrency: 2 };

/**
 * The real handler table over a temp userData directory, with the events the
 * main process sends (checked against the contract, as main.ts does) kept in
 * order and passed to listeners.
 */
export async function boxHarness(options: BoxOptions = TEST_BOX_OPTIONS) {
  const h: Harness = await harness();
  const events: SentEvent[] = [];
  const listeners = new Set<(sent: SentEvent) => void>();
  const emit = createEventSender((event, payload) => {
    const sent = { event, payload };
    events.push(sent);
    for (const listener of listeners) listener(sent);
  }, h.log);
  const table = createHandlers({ ...h.services, emit, boxes: options });
  const call = <C extends ChannelName>(channel: C, payload: RequestOf<C>) => dispatch(table, channel, payload, { sender: 'test', log: h.log }) as Promise<ResultOf<C>>;

  return {
    ...h,
    table,
    events,
    call,
    /** Listens to every event; returns the function that stops listening. */
    listen(listener: (sent: SentEvent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** The first event (already sent, or still to come) that matches. */
    nextEvent<E extends EventName>(event: E, match: (payload: EventPayload<E>) => boolean = () => true): Promise<EventPayload<E>> {
      const test = (sent: SentEvent) => sent.event === event && match(sent.payload as EventPayload<E>);
      const seen = events.find(test);
      if (seen) return Promise.resolve(seen.payload as EventPayload<E>);
      return new Promise((resolve) => {
        const listener = (sent: SentEvent) => {
          if (!test(sent)) return;
          listeners.delete(listener);
          resolve(sent.payload as EventPayload<E>);
        };
        listeners.add(listener);
      });
    },
    /** Saves the test target as a Cairn target logging in with its key; `trusted` also puts its host key in Cairn's known_hosts. */
    async addTarget(target: TestTarget, name = 'garage-pi', trusted = true): Promise<string> {
      const saved = await h.services.targets.save({ name, host: target.host, port: target.port, user: target.user, auth: 'key', keyPath: target.privateKeyPath, tags: [] });
      if (!saved.ok) throw new Error(saved.error.message);
      if (trusted) {
        const [keyType = '', key = ''] = target.hostPublicKey.split(' ');
        await h.services.knownHosts.add(target.host, target.port, keyType, key);
      }
      return saved.value.id;
    },
    async summaryOf(runId: string): Promise<BoxRunSummary> {
      return JSON.parse(await readFile(join(h.dir, 'runs', runId, 'summary.json'), 'utf8')) as BoxRunSummary;
    },
    logOf: (runId: string) => readFile(join(h.dir, 'runs', runId, 'output.log'), 'utf8'),
  };
}

export type BoxHarness = Awaited<ReturnType<typeof boxHarness>>;

/** The value of a good answer; a failure throws with its code and sentence. */
export async function valueOf<T>(pending: Promise<Result<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}
