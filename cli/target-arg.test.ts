import { describe, expect, it } from 'vitest';
import type { Target } from '../shared/api/targets';
import { chooseTargets, parseAddress } from './target-arg';

describe('parseAddress', () => {
  it.each([
    ['root@box', { user: 'root', host: 'box', port: 22 }],
    ['root@10.0.0.5:2222', { user: 'root', host: '10.0.0.5', port: 2222 }],
    ['admin@[fe80::1]:22', { user: 'admin', host: 'fe80::1', port: 22 }],
    ['admin@[::1]', { user: 'admin', host: '::1', port: 22 }],
    ['admin@fe80::1', { user: 'admin', host: 'fe80::1', port: 22 }],
    ['me@corp@jump', { user: 'me@corp', host: 'jump', port: 22 }],
  ])('reads %s', (text, address) => {
    expect(parseAddress(text)).toEqual(address);
  });

  it.each(['garage', '@box', 'root@', 'root@box:', 'root@box:ssh', 'root@[::1', 'root@box:123456'])('leaves %s to the saved targets', (text) => {
    expect(parseAddress(text)).toBeNull();
  });
});

describe('chooseTargets', () => {
  const garage: Target = { id: 'garage-id', name: 'Garage', host: '10.0.0.9', port: 22, user: 'root', auth: 'agent', tags: [] };
  const linux = { platform: 'linux' as const };

  it('finds saved targets by id or by name, ignoring case, in the order given', () => {
    const chosen = chooseTargets(['garage', 'root@10.0.0.5:2222'], [garage], { ...linux, keyFile: undefined, agentSocket: '/run/agent' });
    expect(chosen.map((c) => [c.target.name, c.adHoc])).toEqual([
      ['Garage', false],
      ['root@10.0.0.5:2222', true],
    ]);
    expect(chooseTargets(['garage-id'], [garage], linux)[0]?.target).toBe(garage);
  });

  it('gives an address the same id each time, of the form Cairn makes, and logs in with the key given', () => {
    const [first] = chooseTargets(['root@box'], [], { ...linux, keyFile: 'keys/id_ed25519' });
    const [again] = chooseTargets(['root@box'], [], { ...linux, keyFile: 'keys/id_ed25519' });
    expect(first?.target.id).toMatch(/^host-[0-9a-f]{16}$/);
    expect(again?.target.id).toBe(first?.target.id);
    expect(first?.target).toMatchObject({ auth: 'key', keyPath: expect.stringMatching(/^\/.*\/keys\/id_ed25519$/), host: 'box', port: 22, user: 'root' });
  });

  it('refuses a target named twice, and --key with a saved target', () => {
    expect(() => chooseTargets(['Garage', 'garage-id'], [garage], linux)).toThrow('"garage-id" is given twice; name each target once.');
    expect(() => chooseTargets(['garage'], [garage], { ...linux, keyFile: 'id' })).toThrow(/^--key is for user@host targets; "Garage" is saved in Cairn/);
  });

  it('lists the saved targets when a name matches none', () => {
    expect(() => chooseTargets(['attic'], [garage], linux)).toThrow('"attic" is neither a target saved in Cairn nor user@host[:port]. Saved targets: Garage.');
  });
});
