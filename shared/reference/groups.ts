/**
 * The groups a fresh Alpine has (alpine-baselayout's /etc/group, as in the
 * 3.20 minirootfs). setup-user adds its user to each -g group with addgroup,
 * which fails for a group that does not exist, and setup-user then stops
 * before the admin rights and the unlock.
 */
export const ALPINE_GROUPS: readonly string[] = [
  'root', 'bin', 'daemon', 'sys', 'adm', 'tty', 'disk', 'lp', 'kmem', 'wheel', 'floppy', 'mail', 'news', 'uucp', 'cron', 'audio', 'cdrom',
  'dialout', 'ftp', 'sshd', 'input', 'tape', 'video', 'netdev', 'kvm', 'games', 'shadow', 'www-data', 'users', 'ntp', 'abuild', 'utmp',
  'ping', 'nogroup', 'nobody',
];
