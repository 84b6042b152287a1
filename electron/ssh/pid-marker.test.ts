import { describe, expect, it } from 'vitest';
import { PidMarker } from './pid-marker';

const b = (s: string) => Buffer.from(s, 'latin1');

describe('PidMarker', () => {
  it('takes the pid line off stderr even when it arrives in pieces', () => {
    const marker = new PidMarker();
    expect(marker.take(b('\x1ecairn-p')).toString()).toBe('');
    expect(marker.take(b('id 4242\nreal error\n')).toString()).toBe('real error\n');
    expect(marker.pid).toBe(4242);
    expect(marker.take(b('\x1ecairn-pid 1\n')).toString()).toBe('\x1ecairn-pid 1\n');
  });

  it('passes stderr through untouched when the wrapper did not run', () => {
    const marker = new PidMarker();
    expect(marker.take(b('sh: not found\n')).toString()).toBe('sh: not found\n');
    expect(marker.pid).toBeNull();
  });

  it('gives back a partial line when the stream ends early', () => {
    const marker = new PidMarker();
    marker.take(b('\x1ecai'));
    expect(marker.flush().toString('latin1')).toBe('\x1ecai');
  });
});
