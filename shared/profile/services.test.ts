import { describe, expect, it } from 'vitest';
import { errorsOf, validate } from './validate';
import { errorAt, warningAt, withChange } from './validate.test-support';

describe('services', () => {
  it('requires an enabled service to come from an installed or listed package', () => {
    const p = withChange((p) => (p.services = [{ name: 'nginx', runlevel: 'default' }]));
    expect(errorAt(p, 'services.0.name')?.message).toBe('The service nginx comes from the package nginx; add it to the packages.');
    expect(errorsOf(validate({ ...p, packages: ['nginx'] }))).toEqual([]);
    const implied = withChange(
      (p) =>
        (p.services = [
          { name: 'sshd', runlevel: 'default' },
          { name: 'networking', runlevel: 'boot' },
        ]),
    );
    expect(errorsOf(validate(implied))).toEqual([]);
    const noSshd = withChange((p) => {
      p.sshd = 'dropbear';
      p.services = [{ name: 'sshd', runlevel: 'default' }];
    });
    expect(errorAt(noSshd, 'services.0.name')).toBeDefined();
    expect(
      warningAt(
        withChange((p) => (p.services = [{ name: 'my-app', runlevel: 'default' }])),
        'services.0.name',
      ),
    ).toBeDefined();
  });

  it('flags a service listed twice in one runlevel', () => {
    const p = withChange((p) => {
      p.services = [
        { name: 'crond', runlevel: 'default' },
        { name: 'crond', runlevel: 'default' },
      ];
    });
    expect(warningAt(p, 'services.1.name')).toBeDefined();
  });
});
