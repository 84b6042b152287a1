import { describe, expect, it } from 'vitest';
import { parseReceipt, writeReceipt } from '../boxes/receipt';
import { templateById, type Profile } from '../profile';
import { sh } from '../shell';
import { plan } from './plan';

const HASH = '$6$salt$' + 'h'.repeat(86);
const template = (id: string) => templateById(id)?.make() as Profile;
const at = new Date('2026-12-01T10:00:00Z');

describe('the receipt step of an install', () => {
  it('comes after the steps that change the running system, before setup-disk, lbu commit and the reboot that carry it', () => {
    const ids = (p: Profile) => plan(p, { privilege: 'root' }, { reboot: true, receipt: { profileId: 'p-1', at } }).map((s) => s.id);
    expect(ids(template('old-pc'))).toEqual(['setup-alpine', 'cleanup', 'packages', 'services', 'receipt', 'disk', 'reboot']);
    expect(ids(template('diskless-iot'))).toEqual(['setup-alpine', 'cleanup', 'packages', 'services', 'receipt', 'lbu-commit', 'reboot']);
    expect(plan(template('vm'), { privilege: 'root' }).map((s) => s.id)).not.toContain('receipt');
  });

  it('records the profile without its secrets, the steps and Cairn, on stdin only', () => {
    const p = template('old-pc');
    const profile: Profile = { ...p, rootPasswordHash: HASH, user: { ...(p.user as NonNullable<Profile['user']>), passwordHash: HASH } };
    const step = plan(profile, { privilege: 'root' }, { receipt: { profileId: 'p-1', at } }).find((s) => s.id === 'receipt');
    expect(step?.command).toBe(
      'mkdir -p /etc/cairn && chmod 755 /etc/cairn && cat > /etc/cairn/receipt.json.cairn-new && chmod 644 /etc/cairn/receipt.json.cairn-new && mv /etc/cairn/receipt.json.cairn-new /etc/cairn/receipt.json || ( rm -f /etc/cairn/receipt.json.cairn-new ; exit 1 )',
    );
    expect(step?.stdin).not.toContain(HASH);
    expect(parseReceipt(step?.stdin ?? '')).toMatchObject({
      kind: 'install',
      profileId: 'p-1',
      profileName: 'Old PC',
      at: '2026-12-01T10:00:00.000Z',
      applied: ['root-password', 'setup-alpine', 'user-password', 'packages', 'services', 'disk'],
      removed: ['user.passwordHash', 'rootPasswordHash'],
    });
  });

  it('runs through doas like every other step, the receipt still on stdin', () => {
    const step = plan(template('vm'), { privilege: 'doas' }, { receipt: { profileId: null, at } }).find((s) => s.id === 'receipt');
    expect(step?.command).toBe(sh('doas', 'sh', '-c', sh(...writeReceipt())));
    expect(parseReceipt(step?.stdin ?? '')).toMatchObject({ profileId: null, profileName: 'Virtual machine' });
  });
});
