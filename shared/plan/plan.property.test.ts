import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { render } from '../answerfile';
import { errorsOf, validate } from '../profile';
import { validProfile } from '../profile/arbitrary.test-support';
import { plan } from './plan';
import { runWithShims } from './shims.test-support';

const ORDER = ['root-password', 'wifi', 'setup-alpine', 'cleanup', 'user-fullname', 'user-password', 'packages', 'services', 'ip-forwarding', 'disk', 'lbu-commit', 'reboot'];
const facts = fc.record({ privilege: fc.constantFrom('root' as const, 'doas' as const) });

describe('plan of any valid profile', () => {
  it('keeps the fixed order, keeps hashes out of commands and erases exactly the chosen disks', () => {
    fc.assert(
      fc.property(validProfile, facts, fc.boolean(), (p, f, reboot) => {
        expect(errorsOf(validate(p))).toEqual([]);
        const steps = plan(p, f, { reboot });
        const ids = steps.map((s) => s.id);
        // One wifi step per card with a passphrase, all before setup-alpine writes the interfaces that name their files.
        const kinds = [...new Set(ids.map((id) => (id.startsWith('wifi-') ? 'wifi' : id)))];
        expect(kinds).toEqual(ORDER.filter((id) => kinds.includes(id)));
        expect(ids.slice(ids.indexOf('setup-alpine'), ids.indexOf('setup-alpine') + 2)).toEqual(['setup-alpine', 'cleanup']);
        expect(ids.includes('reboot')).toBe(reboot);
        const hashes = [p.rootPasswordHash, p.user?.passwordHash, ...p.interfaces.map((i) => i.wifi?.passphrase ?? '')].filter((h): h is string => h != null && h.length >= 8);
        for (const s of steps) {
          for (const h of hashes) expect(s.command).not.toContain(h);
          if (f.privilege === 'doas') expect(s.command.startsWith('doas ')).toBe(true);
        }
        expect(steps.filter((s) => s.destructive).map((s) => s.erases)).toEqual(p.disk.mode === 'none' ? [] : [p.disk.disks]);
        const answers = steps.find((s) => s.id === 'setup-alpine')?.upload?.content ?? '';
        expect(answers).toBe(render(p, { holdBackDisk: true, wifiInFiles: true }));
        // No wifi passphrase in the answer file: each is in its own 0600 upload.
        for (const i of p.interfaces) if (i.wifi && i.wifi.passphrase.length >= 8) expect(answers).not.toContain(i.wifi.passphrase);
        for (const s of steps.filter((x) => x.id.startsWith('wifi-'))) expect(s.upload?.mode).toBe(0o600);
      }),
      { numRuns: 200 },
    );
  });

  it('hands setup-disk ERASE_DISKS equal to the disks and the disks as its last arguments, through a real shell', () => {
    const withDisk = validProfile.filter((p) => p.disk.mode !== 'none');
    fc.assert(
      fc.property(withDisk, facts, (p, f) => {
        const disk = plan(p, f).find((s) => s.id === 'disk');
        const run = runWithShims(disk?.command ?? 'false', ['setup-disk']);
        expect(run.status).toBe(0);
        expect(run.calls).toHaveLength(1);
        expect(run.calls[0]?.env.ERASE_DISKS).toBe(p.disk.disks.join(' '));
        expect(run.calls[0]?.args.slice(-p.disk.disks.length)).toEqual(p.disk.disks);
        expect(run.calls[0]?.asRoot).toBe(f.privilege === 'doas');
      }),
      { numRuns: 25 },
    );
  });
});
