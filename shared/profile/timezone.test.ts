import { describe, expect, it } from 'vitest';
import { errorsOf, validate } from './validate';
import { errorAt, withChange } from './validate.test-support';

describe('timezone', () => {
  it('refuses a zone Alpine does not know, naming it', () => {
    expect(
      errorAt(
        withChange((p) => (p.timezone = 'Mars/Base')),
        'timezone',
      )?.message,
    ).toMatch(/"Mars\/Base" is not a time zone Alpine knows/);
  });

  it('accepts a known zone in every install mode, and no zone at all', () => {
    for (const timezoneMode of ['copy', 'link', 'copy-keep'] as const)
      expect(
        errorsOf(
          validate(
            withChange((p) => {
              p.timezone = 'Europe/Berlin';
              p.timezoneMode = timezoneMode;
            }),
          ),
        ),
        timezoneMode,
      ).toEqual([]);
    expect(errorsOf(validate(withChange((p) => (p.timezone = null))))).toEqual([]);
  });
});
