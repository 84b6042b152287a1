import { describe, expect, it } from 'vitest';
import { KEY, warningAt, withChange } from './validate.test-support';

describe('sshd', () => {
  it('warns that without an SSH server Cairn loses the box, and root keys do nothing', () => {
    expect(
      warningAt(
        withChange((p) => (p.sshd = 'none')),
        'sshd',
      ),
    ).toBeDefined();
    expect(
      warningAt(
        withChange((p) => {
          p.sshd = 'none';
          p.rootSshKeys = [KEY];
        }),
        'rootSshKeys',
      ),
    ).toBeDefined();
  });
});
