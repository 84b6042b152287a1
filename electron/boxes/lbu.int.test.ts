import { describe, expect, it } from 'vitest';
import { connectedBox, writeBoxFile } from './box-target.test-support';
import { lbuCommit, lbuDiff, lbuListBackups, lbuStatus } from './lbu';
import { runOnBox } from './run-on-box';

describe('lbu over SSH', () => {
  const env = connectedBox();

  it("refuses to commit when no media is set, naming lbu's reason", async () => {
    const result = await lbuCommit(env.conn, 'first try');
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'lbu-not-configured', message: expect.stringMatching(/^lbu on 127\.0\.0\.1:\d+ has no media to save to: run setup-lbu there/) },
    });
  });

  it('lists changes since the last commit, shows them as a diff, and commits them with a message kept out of the command', async () => {
    expect((await runOnBox(env.conn, ['setup-lbu', 'usb'], 'setup-lbu usb')).ok).toBe(true);
    expect((await lbuCommit(env.conn, 'baseline')).ok).toBe(true);
    await writeBoxFile(env.target, 'etc/motd', 'Managed by Cairn\n');
    await writeBoxFile(env.target, 'etc/cairn-note', 'new\n');

    expect(await lbuStatus(env.conn)).toEqual({
      ok: true,
      value: [
        { kind: 'added', path: 'etc/cairn-note' },
        { kind: 'updated', path: 'etc/motd' },
      ],
    });
    const diff = await lbuDiff(env.conn);
    expect(diff.ok && diff.value.text).toContain('etc/motd');

    await env.target.standIns?.clearRecords();
    const message = `motd for the kitchen; it's "$(reboot)"`;
    const log: string[] = [];
    const committed = await lbuCommit(env.conn, message, { onOutput: (text, stream) => log.push(`${stream}:${text}`) });
    expect(committed).toEqual({ ok: true, value: { message, committedAt: expect.any(String) } });
    expect(log[0]).toBe(`cairn:lbu commit: ${message}\n`);
    expect((await env.target.standIns?.recordsOf('lbu'))?.map((r) => r.argv)).toEqual([['commit']]);
    expect(await lbuStatus(env.conn)).toEqual({ ok: true, value: [] });
  });

  it('lists the backups earlier commits left, newest first', async () => {
    expect((await lbuCommit(env.conn, 'third')).ok).toBe(true);
    const backups = await lbuListBackups(env.conn);
    expect(backups.ok && backups.value.map((b) => b.file)).toEqual(['localhost.2.apkovl.tar.gz', 'localhost.1.apkovl.tar.gz']);
  });

  it('refuses a media name that is not a folder name before running anything', async () => {
    await env.target.standIns?.clearRecords();
    expect(await lbuCommit(env.conn, 'x', { media: '/dev/sda1; reboot' })).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'media' } });
    expect(await env.target.standIns?.records()).toEqual([]);
  });
});
