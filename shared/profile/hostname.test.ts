import { describe, expect, it } from 'vitest';
import { errorsOf, validate } from './validate';
import { errorAt, withChange } from './validate.test-support';

const withHostname = (hostname: string) => withChange((p) => (p.hostname = hostname));

describe('hostname', () => {
  it('accepts a short name and a dotted name', () => {
    for (const h of ['alpine', 'nas.home.lan', 'web-01']) expect(errorsOf(validate(withHostname(h))), h).toEqual([]);
  });

  it('asks for a hostname when it is empty', () => {
    expect(errorAt(withHostname(''), 'hostname')?.message).toMatch(/Enter a hostname/);
  });

  it('names the characters a hostname may hold, and refuses a leading dot or dash', () => {
    for (const h of ['bad_host', 'my box']) expect(errorAt(withHostname(h), 'hostname')?.message, h).toMatch(/only contain letters, digits, "\." and "-"/);
    for (const h of ['.alpine', '-alpine']) expect(errorAt(withHostname(h), 'hostname')?.message, h).toMatch(/cannot start with/);
  });

  it('refuses an empty or over-long part between dots', () => {
    for (const h of ['nas..lan', `${'a'.repeat(64)}.lan`]) expect(errorAt(withHostname(h), 'hostname')?.message, h).toMatch(/1 to 63 characters/);
    expect(errorAt(withHostname(`${'a'.repeat(63)}.lan`), 'hostname')).toBeUndefined();
  });
});
