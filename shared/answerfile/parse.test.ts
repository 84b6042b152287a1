import { describe, expect, it } from 'vitest';
import { defaultProfile } from '../profile';
import { parse, toAssignments } from '.';

/** A small complete file, so tests only see the diagnostics they provoke. */
const BASE = [
  'KEYMAPOPTS="us us"',
  'HOSTNAMEOPTS=box',
  "INTERFACESOPTS='auto lo\niface lo inet loopback\n\nauto eth0\niface eth0 inet dhcp\n'",
  'TIMEZONEOPTS=UTC',
  'PROXYOPTS=none',
  'APKREPOSOPTS="-1 -c"',
  'USEROPTS="-a jane"',
  'SSHDOPTS=openssh',
  'NTPOPTS=chrony',
  'DISKOPTS=none',
  'LBUOPTS=usb',
  'APKCACHEOPTS=none',
].join('\n');
// INTERFACESOPTS spans lines 3 to 8, so BASE ends on line 17.
const AFTER = 18;

const withLines = (...lines: string[]) => parse(`${BASE}\n${lines.join('\n')}\n`);
/** BASE with its single-line assignments of the same variables replaced in place, and their line numbers. */
function replacing(...assignments: string[]) {
  const lines = BASE.split('\n');
  const at = assignments.map((a) => {
    const n = lines.findIndex((l) => l.startsWith(a.slice(0, a.indexOf('=') + 1)));
    lines[n] = a;
    return n + 1;
  });
  return { ...parse(lines.join('\n')), at };
}

describe('parse: values as people write them', () => {
  it('reads the base file with no diagnostics', () => {
    expect(parse(BASE).diagnostics).toEqual([]);
  });

  it('reads single, double, unquoted and mixed quoting with backslash escapes', () => {
    const { profile, diagnostics } = withLines(
      'CAIRN_USER_FULLNAME="Jane \\"JD\\" \\$HOME \\`x\\` \\\\ \\q"',
      'CAIRN_PACKAGES=htop\\ nano\'  \'vim""',
      'WIFIOPTS=/etc/wpa\\',
      '.conf',
    );
    expect(diagnostics).toEqual([]);
    expect(profile.user?.fullName).toBe('Jane "JD" $HOME `x` \\ \\q');
    expect(profile.packages).toEqual(['htop', 'nano', 'vim']);
    expect(profile.wifiConfigFile).toBe('/etc/wpa.conf');
  });

  it('reads export NAME=value, export NAME before or after, and several assignments on a line', () => {
    const text = BASE.replace('DISKOPTS=none', 'export KERNELOPTS\nDISKOPTS="-m sys /dev/sda" ERASE_DISKS=/dev/sda');
    const { profile, diagnostics } = parse(`${text}\nKERNELOPTS=quiet\nexport ERASE_DISKS BOOTFS=xfs\n`);
    expect(diagnostics).toEqual([]);
    expect(profile.disk).toMatchObject({ mode: 'sys', disks: ['/dev/sda'], kernelOptions: 'quiet', bootFs: 'xfs' });
  });

  it('takes the profile name from the header comment, or the default name', () => {
    expect(parse(`# setup-alpine answer file written by Cairn\n# Profile:  Two  spaces \n${BASE}`).profile.name).toBe(' Two  spaces ');
    expect(parse(BASE).profile.name).toBe(defaultProfile().name);
  });

  it('normalises CRLF line endings and warns that setup-alpine would keep the carriage returns', () => {
    const { profile, diagnostics } = parse(`# hello\r\n${BASE.replaceAll('\n', '\r\n')}`);
    expect(profile.hostname).toBe('box');
    expect(profile.interfaces[0]?.name).toBe('eth0');
    expect(diagnostics).toEqual([{ line: 1, severity: 'warning', message: expect.stringMatching(/Windows \(CRLF\) line endings.*carriage return/) }]);
  });

  it('removes a byte-order mark and says why it matters', () => {
    const { profile, diagnostics } = parse(`\uFEFF${BASE}`);
    expect(profile.keymap).toEqual({ layout: 'us', variant: 'us' });
    expect(diagnostics).toEqual([{ line: 1, severity: 'warning', message: expect.stringMatching(/byte-order mark.*first line as a command/) }]);
  });
});

describe('parse: what it refuses to run or expand', () => {
  it.each([
    ['HOSTNAMEOPTS=$(cat /etc/hostname)', /command substitution \$\(…\)/],
    ['HOSTNAMEOPTS="box-`date +%s`"', /command substitution `…`/],
    ['HOSTNAMEOPTS="$HOST"', /variable expansion \$HOST/],
    ['HOSTNAMEOPTS=${HOST:-box}', /parameter expansion/],
    ['HOSTNAMEOPTS=$((1+2))', /arithmetic expansion/],
    ["HOSTNAMEOPTS=$'box\\n'", /\$'…' quoting/],
    ['HOSTNAMEOPTS=~/name', /tilde expansion/],
  ])('ignores %s and reports it as an error on its line', (line, message) => {
    const { profile, diagnostics } = withLines('# comment', line);
    expect(profile.hostname).toBe('box');
    expect(diagnostics).toEqual([{ line: AFTER + 1, severity: 'error', variable: 'HOSTNAMEOPTS', message: expect.stringMatching(message) }]);
    expect(diagnostics[0]?.message).toMatch(/never runs or expands anything.*ignored/);
  });

  it.each([
    ['HOSTNAMEOPTS=evil; rm -rf /', ';'],
    ['HOSTNAMEOPTS=evil && reboot', '&'],
    ['HOSTNAMEOPTS=evil | tee /tmp/x', '|'],
    ['HOSTNAMEOPTS=evil > /etc/passwd', '>'],
    ['f() { reboot; }', '( ) ;'],
    ['HOSTNAMEOPTS=evil &', '&'],
  ])('ignores the whole line %s (shell syntax %s)', (line, ops) => {
    const { profile, diagnostics } = withLines(line);
    expect(profile.hostname).toBe('box');
    expect(diagnostics).toEqual([{ line: AFTER, severity: 'error', message: expect.stringContaining(`shell syntax (${ops})`) }]);
    expect(diagnostics[0]?.message).toContain(line.slice(0, 20));
  });

  it.each(['rm -rf /', 'if true', 'then', 'HOSTNAMEOPTS=evil reboot', 'set -e', '. /etc/profile', '{'])('ignores the command line %s', (line) => {
    const { profile, diagnostics } = withLines(line);
    expect(profile.hostname).toBe('box');
    expect(diagnostics).toEqual([{ line: AFTER, severity: 'error', message: expect.stringMatching(/runs a command .*never runs commands/) }]);
  });

  it('skips a here-document whole instead of reading its body as assignments', () => {
    const { profile, diagnostics } = withLines('cat > /etc/motd <<-EOF', 'HOSTNAMEOPTS=evil', '\tEOF', 'NTPOPTS=none');
    expect(profile.hostname).toBe('box');
    expect(profile.ntp).toBe('none');
    expect(diagnostics).toEqual([
      { line: AFTER, severity: 'error', message: expect.stringContaining('here-document, lines 19–20') },
      { line: AFTER + 3, severity: 'warning', variable: 'NTPOPTS', message: expect.stringContaining('set again') },
    ]);
  });

  it('stops at a quote that is never closed and says where it opened', () => {
    const { profile, diagnostics } = withLines('HOSTNAMEOPTS="unclosed', 'NTPOPTS=none');
    expect(profile.hostname).toBe('box');
    expect(profile.ntp).toBe('chrony');
    expect(diagnostics).toEqual([{ line: AFTER, severity: 'error', message: expect.stringMatching(/" quote .* never closed/) }]);
  });

  it('reports unknown variables and never drops them silently', () => {
    const { diagnostics } = withLines('FOO=bar', 'export MIRRORS=http://x');
    expect(diagnostics).toEqual([
      { line: AFTER, severity: 'warning', variable: 'FOO', message: expect.stringMatching(/FOO is not a variable .* ignored/) },
      { line: AFTER + 1, severity: 'warning', variable: 'MIRRORS', message: expect.stringMatching(/MIRRORS is not a variable/) },
    ]);
  });

  it('reports unknown options inside an *OPTS value, naming them', () => {
    const { profile, diagnostics, at } = replacing('NTPOPTS="-x openntpd"', 'DISKOPTS="-m sys -Z -o ovl.tar.gz /dev/sda"');
    expect(at).toEqual([14, 15]);
    expect(profile.ntp).toBe('openntpd');
    expect(profile.disk.disks).toEqual(['/dev/sda']);
    expect(diagnostics.map((d) => [d.line, d.variable, d.message.match(/ -[xZo]\b/)?.[0]])).toEqual([
      [14, 'NTPOPTS', ' -x'],
      [15, 'DISKOPTS', ' -Z'],
      [15, 'DISKOPTS', ' -o'],
      [15, 'ERASE_DISKS', undefined],
    ]);
  });

  it('keeps the last of two assignments and says so', () => {
    const { profile, diagnostics } = withLines('HOSTNAMEOPTS=second');
    expect(profile.hostname).toBe('second');
    expect(diagnostics).toEqual([{ line: AFTER, severity: 'warning', variable: 'HOSTNAMEOPTS', message: expect.stringContaining('first on line 2') }]);
  });
});

describe('parse: values that split or mean something else on the box', () => {
  it('keeps a zone with a space and explains the word split', () => {
    const { profile, diagnostics, at } = replacing('TIMEZONEOPTS="-z America/New York"');
    expect(profile.timezone).toBe('America/New York');
    expect(diagnostics).toEqual([{ line: at[0], severity: 'warning', variable: 'TIMEZONEOPTS', message: expect.stringMatching(/split at spaces.*"America\/New".*"York"/) }]);
  });

  it('warns when a value would be globbed', () => {
    const { diagnostics, at } = replacing('LBUOPTS="/media/*"');
    expect(diagnostics).toEqual([expect.objectContaining({ line: at[0], variable: 'LBUOPTS', message: expect.stringMatching(/file names/) })]);
  });

  it('reads each missing variable as what its helper does when nobody answers, and says so', () => {
    const { profile, diagnostics } = parse('HOSTNAMEOPTS=box\n');
    // Unattended, setup-user's "Setup a user? [no]" takes its default: no user.
    expect(profile.user).toBeNull();
    expect(profile).toMatchObject({
      keymap: null,
      ntp: 'busybox',
      sshd: 'openssh',
      timezone: 'UTC',
      timezoneMode: 'copy',
      proxy: null,
      apkRepos: { mode: 'first', urls: [], community: false },
      disk: { mode: 'none' },
      diskless: { lbuMedia: null, apkCacheDir: '/var/cache/apk' },
    });
    expect(profile.interfaces.map((i) => [i.name, i.ipv4.mode])).toEqual([['eth0', 'dhcp']]);
    expect(diagnostics.every((d) => d.line === 0)).toBe(true);
    // Only LBU depends on the box (a mounted stick or card would be taken): a warning; the rest are notes.
    expect(diagnostics.filter((d) => d.severity !== 'info').map((d) => [d.variable, d.severity])).toEqual([['LBUOPTS', 'warning']]);
    const asked = diagnostics.filter((d) => /would ask here; unattended, it /.test(d.message)).map((d) => d.variable);
    expect(asked).toEqual(expect.arrayContaining(['INTERFACESOPTS', 'TIMEZONEOPTS', 'PROXYOPTS', 'NTPOPTS', 'SSHDOPTS', 'APKREPOSOPTS', 'DISKOPTS', 'LBUOPTS', 'APKCACHEOPTS']));
    expect(asked).not.toContain('DEVDOPTS');
    expect(parse('LBUOPTS=usb\n').profile.diskless.apkCacheDir).toBe('/media/usb/cache');
    expect(diagnostics.find((d) => d.variable === 'USEROPTS')).toMatchObject({
      severity: 'info',
      message: expect.stringMatching(/would ask "Setup a user\?" here; unattended, it creates no user/),
    });
  });

  it('reads USEROPTS=none as no user, and warns about a key that would create a user called none', () => {
    const { profile, diagnostics } = withLines('USEROPTS=none', 'USERSSHKEY="ssh-ed25519 AAAA k"');
    expect(profile.user).toBeNull();
    expect(diagnostics.map((d) => d.variable)).toEqual(['USEROPTS', 'USERSSHKEY']);
    expect(diagnostics[1]?.message).toContain('literally named "none"');
  });

  it('warns about setup-disk environment that is not exported or does not match the disks', () => {
    const { profile, diagnostics } = withLines('DISKOPTS="-m sys /dev/sda /dev/sdb"', 'ERASE_DISKS=/dev/sda', 'export USE_EFI=yes');
    expect(profile.disk).toMatchObject({ raid: true, efi: 'efi' });
    expect(diagnostics.map((d) => [d.line, d.variable])).toEqual([
      [AFTER, 'DISKOPTS'],
      [AFTER + 1, 'ERASE_DISKS'],
      [AFTER + 1, 'ERASE_DISKS'],
      [AFTER + 2, 'USE_EFI'],
    ]);
    expect(diagnostics[2]?.message).toMatch(/not exactly the disks .* would stop and ask/);
  });
});

describe('toAssignments', () => {
  it('gives each variable with its value, line and export state, running nothing', () => {
    const { assignments, comments } = toAssignments('# top\nA=1\n\nB="x\ny" # tail\nexport B\n');
    expect([...assignments.values()]).toEqual([
      { name: 'A', value: '1', line: 2, exported: false },
      { name: 'B', value: 'x\ny', line: 4, exported: true },
    ]);
    expect(comments).toEqual([{ line: 1, text: ' top' }]);
  });
});

describe('INTERFACESOPTS whose line breaks were lost', () => {
  it('is an error on its line, offering the repaired text where each line end is certain', () => {
    const { profile, diagnostics } = withLines('INTERFACESOPTS="auto lo iface lo inet loopback auto eth0 iface eth0 inet dhcp hostname box"');
    const [error] = diagnostics;
    expect(error).toMatchObject({ line: AFTER, severity: 'error', variable: 'INTERFACESOPTS' });
    expect(error?.message).toMatch(/on one line: the line breaks were lost/);
    expect(error?.message).toContain('auto eth0\niface eth0 inet dhcp\n\thostname box');
    // Read as repaired, never as seven interfaces named after the keywords.
    expect(profile.interfaces.map((i) => [i.name, i.ipv4.mode, i.extraOptions.inet])).toEqual([['eth0', 'dhcp', ['hostname box']]]);
  });

  it('offers no repair where an option could end anywhere', () => {
    const { profile, diagnostics } = withLines('INTERFACESOPTS="auto eth0 iface eth0 inet dhcp up ip link set eth0 up"');
    expect(diagnostics[0]?.message).toMatch(/Put each "auto" line, "iface" line and option on its own line\.$/);
    expect(profile.interfaces).toEqual([]);
  });

  it('lists errors first, then warnings and notes, each by line', () => {
    const { diagnostics } = withLines('PROXYOPTS="a b"', 'INTERFACESOPTS="auto lo iface lo inet loopback auto eth0 iface eth0 inet dhcp"');
    const order = { error: 0, warning: 1, info: 2 };
    expect(diagnostics[0]?.severity).toBe('error');
    expect(diagnostics.map((d) => order[d.severity])).toEqual([...diagnostics.map((d) => order[d.severity])].sort());
  });
});
