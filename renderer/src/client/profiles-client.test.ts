// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { defaultProfile } from '../../../shared/profile/defaults';
import { browserProfilesClient } from './profiles-client';

afterEach(() => localStorage.clear());

describe('the browser profiles client', () => {
  it('saves, lists by name, reads back, updates in place and removes', async () => {
    const client = browserProfilesClient(localStorage, document);
    const b = await client.save({ ...defaultProfile(), name: 'Beta' }, null);
    const a = await client.save({ ...defaultProfile(), name: 'Alpha' }, null);
    expect((await client.list()).map((p) => p.name)).toEqual(['Alpha', 'Beta']);
    expect(await client.get(b.id)).toMatchObject({ profile: { name: 'Beta' }, lostSecrets: [] });
    await client.save({ ...defaultProfile(), name: 'Alpha 2' }, a.id);
    expect((await client.list()).map((p) => p.name)).toEqual(['Alpha 2', 'Beta']);
    await client.remove(b.id);
    expect((await client.list()).map((p) => p.id)).toEqual([a.id]);
    await expect(client.get(b.id)).rejects.toThrow(/no longer exists/);
  });

  it('treats damaged storage as empty instead of failing', async () => {
    localStorage.setItem('cairn.profiles', '{not json');
    expect(await browserProfilesClient(localStorage, document).list()).toEqual([]);
  });
});
