import { describe, expect, it } from 'vitest';
import { errorAt, withChange } from './validate.test-support';

describe('proxy', () => {
  it('checks the proxy URL', () => {
    const p = withChange((p) => {
      p.proxy = 'proxy:3128';
    });
    expect(errorAt(p, 'proxy'), 'proxy').toBeDefined();
  });
});
