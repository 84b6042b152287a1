import { describe, expect, it } from 'vitest';
import type { Target } from '../../../shared/api/targets';
import { createAppStore } from './create-store';

const target = (name: string, extra: Partial<Target> = {}): Target => ({ id: `id-${name}`, name, host: '10.0.0.1', port: 22, user: 'root', auth: 'agent', tags: [], ...extra });
const report = { alpineVersion: '3.20.3', arch: 'x86_64', isRoot: true, disks: [], hostKey: { keyType: 'ssh-ed25519', fingerprint: 'SHA256:x' } };

describe('the targets slice', () => {
  it('keeps the list sorted by name and forgets results of targets that are gone', () => {
    const store = createAppStore();
    const t = () => store.getState().targets;
    expect(t().list).toBeNull();
    t().loaded([target('web'), target('attic')], []);
    t().testFinished('id-web', { ok: true, value: report });
    t().select('id-web');
    expect(t().list?.map((x) => x.name)).toEqual(['attic', 'web']);
    t().loaded([target('attic')], []);
    expect(t().tests).toEqual({});
    expect(t().selectedId).toBeNull();
  });

  it('drops a test result when the address or login it was made with changes, not when only the name does', () => {
    const store = createAppStore();
    const t = () => store.getState().targets;
    t().loaded([target('web')], []);
    t().testFinished('id-web', { ok: true, value: report }, new Date('2026-01-01T10:00:00Z'));
    t().saved(target('www', { id: 'id-web' }));
    expect(t().tests['id-web']).toEqual({ status: 'ok', report, at: '2026-01-01T10:00:00.000Z' });
    t().saved(target('www', { id: 'id-web', port: 2222 }));
    expect(t().tests['id-web']).toBeUndefined();
  });

  it('keeps only flags and the storage mode of secrets', () => {
    const store = createAppStore();
    store
      .getState()
      .targets.secretsKnown({ storage: 'session-only', reason: 'No keyring.', targets: [{ targetId: 'id-web', hasPassword: true, hasPassphrase: false, hasDoasPassword: false }] });
    expect(store.getState().targets.secretFlags).toEqual({ 'id-web': { hasPassword: true, hasPassphrase: false, hasDoasPassword: false } });
    expect(store.getState().targets.secretStorage).toEqual({ storage: 'session-only', reason: 'No keyring.' });
    store.getState().targets.removed('id-web');
    expect(store.getState().targets.secretFlags).toEqual({});
  });
});
