import { describe, expect, expectTypeOf, it } from 'vitest';
import type { CairnBridge } from './bridge';
import { channels, type RequestOf, type ResultOf } from './channels';
import { createBridge, createClient } from './client';
import { describeError, ERROR_SENTENCES } from './error-sentences';
import { CHANNEL_NAMES, EVENT_NAMES, type ChannelName, type EventName } from './names';
import { ERROR_CODES, resultSchema } from './result';

type Call = { channel: ChannelName; payload: unknown };

function fakeMain(answer: (call: Call) => unknown) {
  const calls: Call[] = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const bridge = createBridge(
    async (channel, payload) => {
      calls.push({ channel, payload });
      return answer({ channel, payload });
    },
    (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  );
  const emit = (event: EventName, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload));
  return { bridge, calls, emit };
}

describe('the channel table', () => {
  it('has a request and response schema for exactly the named channels', () => {
    expect(Object.keys(channels).sort()).toEqual([...CHANNEL_NAMES].sort());
    for (const name of CHANNEL_NAMES) expect(name).toMatch(/^[a-z][A-Za-z]*:[a-z]+(-[a-z]+)*$/);
  });

  it('has a plain sentence for every error code', () => {
    expect(Object.keys(ERROR_SENTENCES).sort()).toEqual([...ERROR_CODES].sort());
    for (const sentence of Object.values(ERROR_SENTENCES)) expect(sentence).toMatch(/^[A-Z].*\.$/);
    expect(describeError({ code: 'unreachable', message: '' })).toBe(ERROR_SENTENCES.unreachable);
    expect(describeError({ code: 'unreachable', message: 'Nothing answered on 10.0.0.2 port 22.' })).toBe('Nothing answered on 10.0.0.2 port 22.');
  });

  it('rejects an error code outside the closed set', () => {
    const schema = resultSchema(channels['app:info'].response);
    expect(schema.safeParse({ ok: false, error: { code: 'oops', message: 'x' } }).success).toBe(false);
    expect(schema.safeParse({ ok: false, error: { code: 'timeout', message: 'x' } }).success).toBe(true);
  });
});

describe('the bridge', () => {
  it('exposes one named method per channel, grouped by domain, and on()', () => {
    const { bridge } = fakeMain(() => null);
    const shape = Object.fromEntries(Object.entries(bridge).map(([k, v]) => [k, typeof v === 'function' ? 'fn' : Object.keys(v).sort()]));
    expect(shape).toEqual({
      profiles: ['duplicate', 'get', 'list', 'remove', 'save'],
      targets: ['importSshConfig', 'list', 'remove', 'save', 'testConnection'],
      knownHosts: ['accept', 'list', 'remove'],
      secrets: ['clear', 'hashPassword', 'set', 'status'],
      files: ['exportAnsible', 'openText', 'saveText'],
      runs: ['cancel', 'checkBatch', 'get', 'list', 'plan', 'retryFailed', 'start', 'startBatch'],
      boxes: [
        'addPackages',
        'applyDrift',
        'cancel',
        'drift',
        'facts',
        'lbuBackups',
        'lbuCommit',
        'lbuDiff',
        'lbuStatus',
        'packages',
        'power',
        'refresh',
        'removePackages',
        'runlevelAction',
        'serviceAction',
        'services',
        'upgradable',
        'upgrade',
      ],
      bootmedia: ['chooseFolder', 'inspect', 'prepare', 'prepareBatch'],
      discover: ['cancel', 'networks', 'scan'],
      app: ['info'],
      on: 'fn',
    });
    expect(Object.isFrozen(bridge) && Object.isFrozen(bridge.targets)).toBe(true);
  });

  it('sends each method on its own channel, with {} for a request left out', async () => {
    const { bridge, calls } = fakeMain(() => null);
    await bridge.targets.importSshConfig();
    await bridge.profiles.get({ id: 'abc' });
    expect(calls).toEqual([
      { channel: 'targets:import-ssh-config', payload: {} },
      { channel: 'profiles:get', payload: { id: 'abc' } },
    ]);
  });

  it('refuses to listen on anything but a declared event', () => {
    const { bridge } = fakeMain(() => null);
    expect(() => bridge.on('profiles:list' as EventName, () => undefined)).toThrow(/Unknown event/);
  });

  it('types requests per channel', () => {
    expectTypeOf<Parameters<CairnBridge['targets']['save']>[0]['target']['port']>().toEqualTypeOf<number>();
    expectTypeOf<Parameters<CairnBridge['app']['info']>>().toEqualTypeOf<[request?: RequestOf<'app:info'>]>();
    expectTypeOf<CairnBridge['secrets']>().toHaveProperty('hashPassword');
  });
});

describe('the client', () => {
  it('returns the parsed, typed value of a good answer', async () => {
    const { bridge } = fakeMain(() => ({ ok: true, value: { hash: '$6$rounds=5000$salt$abc' } }));
    const result = await createClient(bridge).invoke('secrets:hash-password', { password: 'pw' });
    expectTypeOf(result).toEqualTypeOf<ResultOf<'secrets:hash-password'>>();
    expect(result).toEqual({ ok: true, value: { hash: '$6$rounds=5000$salt$abc' } });
  });

  it('passes a typed failure through unchanged', async () => {
    const error = { code: 'not-found', message: 'This profile no longer exists.' };
    const { bridge } = fakeMain(() => ({ ok: false, error }));
    expect(await createClient(bridge).invoke('profiles:get', { id: 'x1' })).toEqual({ ok: false, error });
  });

  it('turns an answer outside the contract into an internal error instead of bad data', async () => {
    const seen: string[] = [];
    const { bridge } = fakeMain(() => ({ ok: true, value: { profiles: 'not a list' } }));
    const result = await createClient(bridge, { onInvalid: (what) => seen.push(what) }).invoke('profiles:list');
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: expect.stringMatching(/unexpected shape/) } });
    expect(seen).toEqual(['profiles:list']);
  });

  it('never throws when the bridge itself fails', async () => {
    const { bridge } = fakeMain(() => {
      throw new Error('no handler registered');
    });
    const result = await createClient(bridge).invoke('app:info');
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: expect.stringMatching(/main process/) } });
  });

  it('delivers valid events typed and drops malformed ones', () => {
    const { bridge, emit } = fakeMain(() => null);
    const got: string[] = [];
    const dropped: string[] = [];
    const off = createClient(bridge, { onInvalid: (what) => dropped.push(what) }).on('run.output', (p) => got.push(p.text));
    emit('run.output', { runId: 'r1', fleetId: null, targetId: 't1', text: 'Keymap' });
    emit('run.output', { runId: 'r1', text: 42 });
    off();
    emit('run.output', { runId: 'r1', fleetId: null, targetId: 't1', text: 'after unsubscribe' });
    expect(got).toEqual(['Keymap']);
    expect(dropped).toEqual(['run.output']);
    expect(EVENT_NAMES).toContain('run.done');
  });
});
