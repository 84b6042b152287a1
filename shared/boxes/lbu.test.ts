import { describe, expect, it } from 'vitest';
import { fixture } from './fixtures.test-support';
import { lbuProblem, parseLbuConf, parseLbuDiffFiles, parseLbuListBackup, parseLbuStatus } from './lbu';

describe('lbu', () => {
  it('reads added, updated and deleted files from lbu status', () => {
    expect(parseLbuStatus(fixture('lbu-status.documented.txt'))).toEqual([
      { kind: 'deleted', path: 'etc/issue' },
      { kind: 'added', path: 'etc/motd.d' },
      { kind: 'added', path: 'etc/motd.d/cairn' },
      { kind: 'updated', path: 'etc/hostname' },
      { kind: 'updated', path: 'etc/apk/world' },
      { kind: 'added', path: 'etc/ssh/sshd_config.d/10-cairn.conf' },
    ]);
  });

  it('recognises the usage lbu prints (with exit 0) when no media is set, and a missing lbu', () => {
    const usage = fixture('lbu-status-not-configured.documented.txt');
    expect(lbuProblem(usage)).toBe('not-configured');
    expect(parseLbuStatus(usage)).toEqual([]);
    expect(lbuProblem('/bin/sh: lbu: not found\n')).toBe('missing');
    expect(lbuProblem(fixture('lbu-status.documented.txt'))).toBeNull();
  });

  it('names the changed files of a real diff -ruN, deleted and added ones included', () => {
    expect(parseLbuDiffFiles(fixture('lbu-diff.captured.txt'))).toEqual(['etc/hostname', 'etc/issue', 'etc/motd-cairn']);
  });

  it('does not take a removed line that starts with "--" for a file header', () => {
    const diff =
      'diff -ruN a/etc/a.conf b/etc/a.conf\n--- a/etc/a.conf\t2024-05-01 10:00:00\n+++ b/etc/a.conf\t2024-05-02 10:00:00\n@@ -1,2 +1,2 @@\n--- a/etc/fake\n+++ b/etc/fake\n';
    expect(parseLbuDiffFiles(diff)).toEqual(['etc/a.conf']);
  });

  it('lists backups newest first with their date and cipher', () => {
    expect(parseLbuListBackup(fixture('lbu-list-backup.documented.txt'))).toEqual([
      { file: 'router.20240501120000.tar.gz.aes-256-cbc', hostname: 'router', stamp: '20240501120000', date: '2024-05-01T12:00:00.000Z', cipher: 'aes-256-cbc' },
      { file: 'router.20240412093012.tar.gz', hostname: 'router', stamp: '20240412093012', date: '2024-04-12T09:30:12.000Z', cipher: null },
      { file: 'router.20240301101500.tar.gz', hostname: 'router', stamp: '20240301101500', date: '2024-03-01T10:15:00.000Z', cipher: null },
    ]);
  });

  it('accepts the numbered .apkovl names of the test target, without a date', () => {
    expect(parseLbuListBackup('localhost.1.apkovl.tar.gz\nlocalhost.2.apkovl.tar.gz\n').map((b) => [b.stamp, b.date])).toEqual([
      ['2', null],
      ['1', null],
    ]);
  });

  it('reads LBU_MEDIA and LBU_BACKUPDIR, ignoring commented lines', () => {
    expect(parseLbuConf('# LBU_MEDIA=usb\nLBU_MEDIA=mmcblk0p1\n')).toEqual({ media: 'mmcblk0p1', backupDir: null });
    expect(parseLbuConf('LBU_BACKUPDIR="/root/config backups"\n')).toEqual({ media: null, backupDir: '/root/config backups' });
  });
});
