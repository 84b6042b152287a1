import { describe, expect, it } from 'vitest';
import { defaultProfile } from './defaults';
import { TEMPLATES } from './templates';
import { errorsOf, validate } from './validate';
import { errorAt, withChange } from './validate.test-support';

// What spans sections; each section's own rules are tested in <section>.test.ts.
describe('validate', () => {
  it('asks only for the disk in the default profile, and accepts every template', () => {
    // The default never assumes a disk to erase: the person chooses it.
    expect(errorsOf(validate(defaultProfile())).map((e) => [e.path, e.message])).toEqual([['disk.disks', 'Choose the disk to install Alpine on, like /dev/sda.']]);
    for (const t of TEMPLATES) expect(errorsOf(validate(t.make())), t.id).toEqual([]);
  });

  it('returns every problem at once, each with a field path and a sentence', () => {
    const p = withChange((p) => {
      p.hostname = 'bad_host';
      p.timezone = 'Mars/Base';
      p.interfaces[0]!.ipv4 = { mode: 'static', address: '10.0.0.5', prefix: null, gateway: '' };
    });
    const errors = errorsOf(validate(p));
    expect(errors.map((e) => e.path)).toEqual(['hostname', 'interfaces.0.ipv4.prefix', 'timezone']);
    for (const e of errors) expect(e.message).toMatch(/^[A-Z"].+[.)]$/);
  });

  it('rejects hostile values instead of letting them reach a root shell', () => {
    const p = withChange((p) => {
      p.hostname = 'box$(reboot)';
      p.interfaces[0]!.name = 'eth0;rm';
      p.proxy = 'http://proxy:3128 -x';
      p.user!.name = 'jane`id`';
      p.user!.groups = ['wheel,root;'];
      p.disk.disks = ['/dev/sda; rm -rf /'];
      p.disk.kernelOptions = 'quiet $(id)';
      p.packages = ['htop;reboot'];
      p.services = [{ name: 'sshd $(x)', runlevel: 'default' }];
    });
    const paths = errorsOf(validate(p)).map((e) => e.path);
    for (const f of ['hostname', 'interfaces.0.name', 'proxy', 'user.name', 'user.groups.0', 'disk.disks.0', 'disk.kernelOptions', 'packages.0', 'services.0.name'])
      expect(paths, f).toContain(f);
  });

  it('needs a one-line profile name', () => {
    expect(
      errorAt(
        withChange((p) => (p.name = '  ')),
        'name',
      ),
    ).toBeDefined();
    expect(
      errorAt(
        withChange((p) => (p.name = 'a\nb')),
        'name',
      ),
    ).toBeDefined();
  });

  it('reports a damaged profile shape as errors instead of throwing', () => {
    const problems = validate({ ...defaultProfile(), hostname: 42, disk: null });
    expect(problems.map((p) => p.path).sort()).toEqual(['disk', 'hostname']);
    expect(problems[0]?.message).toMatch(/wrong form/);
  });
});
