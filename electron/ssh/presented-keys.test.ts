import { describe, expect, it } from 'vitest';
import { PRESENTED_KEYS_KEPT, PresentedKeys } from './presented-keys';

const key = (n: number) => ({ type: 'ssh-ed25519', base64: `KEY${n}` });

describe('the keys hosts last showed Cairn', () => {
  it('keeps the last key each host and port showed, apart from any other port', () => {
    const seen = new PresentedKeys();
    expect(seen.lastSeen('box', 22)).toBeNull();
    seen.record('box', 22, key(1));
    seen.record('box', 2222, key(2));
    seen.record('box', 22, key(3));
    expect(seen.lastSeen('box', 22)).toEqual(key(3));
    expect(seen.lastSeen('box', 2222)).toEqual(key(2));
    expect(seen.lastSeen('nas', 22)).toBeNull();
  });

  it('forgets the host heard from longest ago once it holds its bound', () => {
    const seen = new PresentedKeys();
    for (let i = 0; i <= PRESENTED_KEYS_KEPT; i++) seen.record(`box${i}`, 22, key(i));
    expect(seen.lastSeen('box0', 22)).toBeNull();
    expect(seen.lastSeen('box1', 22)).toEqual(key(1));
    // Heard from again, box1 is the newest: the next one pushes out box2.
    seen.record('box1', 22, key(1));
    seen.record('extra', 22, key(99));
    expect(seen.lastSeen('box1', 22)).toEqual(key(1));
    expect(seen.lastSeen('box2', 22)).toBeNull();
  });
});
