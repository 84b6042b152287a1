import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Profile } from '../profile';
import { validProfile } from '../profile/arbitrary.test-support';
import { parse, render } from '.';
import { unlockAsRead, unlocks } from './user-options';

/** What an answer file can carry: everything but password hashes, which travel by chpasswd -e. */
const withoutHashes = (p: Profile): Profile => ({
  ...p,
  rootPasswordHash: null,
  user: p.user === null ? null : { ...p.user, passwordHash: null, unlock: unlockAsRead(p.user.sshKeys, unlocks(p.user)) },
});

describe('render and parse', () => {
  it('give back every valid profile (minus password hashes) with no error diagnostics', () => {
    fc.assert(
      fc.property(validProfile, (p) => {
        const { profile, diagnostics } = parse(render(p));
        expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(profile).toEqual(withoutHashes(p));
      }),
      { numRuns: 200 },
    );
  });

  it('render the same text for the same profile, with LF line endings only', () => {
    fc.assert(
      fc.property(validProfile, (p) => {
        const text = render(p);
        expect(render(structuredClone(p))).toBe(text);
        expect(text).not.toContain('\r');
        expect(text.endsWith('\n')).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});
