import { describe, expect, it } from 'vitest';
import { errorsOf, validate } from './validate';
import { errorAt, withChange } from './validate.test-support';

describe('keymap', () => {
  it('checks keymaps against the kbd-bkeymaps catalogue', () => {
    expect(
      errorAt(
        withChange((p) => (p.keymap = { layout: 'da', variant: 'dk' })),
        'keymap.layout',
      ),
    ).toBeDefined();
    expect(
      errorAt(
        withChange((p) => (p.keymap = { layout: 'ch', variant: 'ch-de' })),
        'keymap.variant',
      )?.message,
    ).toContain('ch');
    expect(errorsOf(validate(withChange((p) => (p.keymap = { layout: 'de', variant: 'de-nodeadkeys' }))))).toEqual([]);
  });
});
