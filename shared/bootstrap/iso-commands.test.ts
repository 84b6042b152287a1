import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { isoCommands, publicKeyProblem, type IsoCommands } from './iso-commands';

// The key step is run for real: by the host's /bin/sh and by Alpine's own
// BusyBox ash (through musl's loader; the host has no musl, see ALPINE-FACTS).
const TARBALL = path.resolve(import.meta.dirname, '../../../shared/alpine/alpine-minirootfs-3.20.3-x86_64.tar.gz');
const BODY = 'AAAAC3NzaC1lZDI1NTE5AAAAIGb0xM1zYvXq2d7Lw5k3n8b2G9ZcQm0rT4sJ1hUe7pVx';
const KEY = `ssh-ed25519 ${BODY} jane@laptop`;

// Set up while the file is collected: it.each needs the list of shells then.
const scratch = mkdtempSync(path.join(tmpdir(), 'cairn-iso-'));
const shells: Array<{ name: string; argv: string[] }> = [{ name: '/bin/sh', argv: ['/bin/sh'] }];
if (existsSync(TARBALL)) {
  const root = path.join(scratch, 'alpine');
  mkdirSync(root);
  execFileSync('tar', ['-xzf', TARBALL, '-C', root, './bin/busybox', './lib/ld-musl-x86_64.so.1']);
  shells.push({ name: 'BusyBox ash', argv: [path.join(root, 'lib/ld-musl-x86_64.so.1'), path.join(root, 'bin/busybox'), 'sh'] });
} else {
  console.warn(`BusyBox was NOT used: ${TARBALL} is missing, so only the host's /bin/sh ran the commands.`);
}
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const ok = (result: IsoCommands) => {
  if (!result.ok) throw new Error(result.message);
  return result;
};

const keyStep = (publicKey: string) => ok(isoCommands({ publicKey, sshd: 'openssh' })).steps.find((s) => s.title === 'Let your key in')?.commands ?? [];

/** Runs the key step with /root/.ssh moved into a scratch directory; returns what authorized_keys holds. */
function runKeyStep(argv: string[], publicKey: string): { text: string; dirMode: number; fileMode: number } {
  const home = mkdtempSync(path.join(scratch, 'root-'));
  const script = keyStep(publicKey)
    .map((c) => c.replaceAll('/root/.ssh', path.join(home, '.ssh')))
    .join('\n');
  const run = spawnSync(argv[0] ?? '/bin/sh', [...argv.slice(1), '-c', `set -e\n${script}`], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const file = path.join(home, '.ssh', 'authorized_keys');
  return { text: readFileSync(file, 'utf8'), dirMode: statSync(path.join(home, '.ssh')).mode & 0o777, fileMode: statSync(file).mode & 0o777 };
}

describe('the console commands for a box booted from the ISO', () => {
  it('logs in, brings up DHCP, adds the key, installs and starts the chosen server, then shows the address', () => {
    const result = ok(isoCommands({ publicKey: KEY, sshd: 'openssh' }));
    expect(result.steps.map((s) => s.title)).toEqual(['Log in as root', 'Bring up the network', 'Let your key in', 'Install OpenSSH', 'Start the SSH server', 'Find the address']);
    expect(result.script).toBe(
      [
        'root',
        'setup-interfaces -a -r',
        'mkdir -p /root/.ssh',
        'chmod 700 /root/.ssh',
        `printf '%s\\n' 'ssh-ed25519 ${BODY} jane@laptop' >> /root/.ssh/authorized_keys`,
        'chmod 600 /root/.ssh/authorized_keys',
        'setup-sshd -c openssh',
        'rc-service sshd start',
        'ip -4 addr',
        '',
      ].join('\n'),
    );
  });

  it('uses Dropbear’s package and service name when asked', () => {
    const commands = ok(isoCommands({ publicKey: KEY, sshd: 'dropbear' })).steps.flatMap((s) => s.commands);
    expect(commands).toContain('setup-sshd -c dropbear');
    expect(commands).toContain('rc-service dropbear start');
    expect(commands.join('\n')).not.toMatch(/openssh|sshd start/);
  });

  it('fetches keys from an https URL with wget instead of typing them', () => {
    expect(keyStep('https://github.com/jane.keys')).toContain('wget -qO- https://github.com/jane.keys >> /root/.ssh/authorized_keys');
  });

  it.each(shells)('writes the key to authorized_keys byte for byte, with private modes ($name)', ({ argv }) => {
    const tricky = `ssh-ed25519 ${BODY} jane's "laptop" $(touch /tmp/pwned) \`id\` %s \\n * ; & |`;
    const written = runKeyStep(argv, `  ${tricky}  `);
    expect(written.text).toBe(`${tricky}\n`);
    expect(written.dirMode).toBe(0o700);
    expect(written.fileMode).toBe(0o600);
    expect(existsSync('/tmp/pwned')).toBe(false);
  });

  it.each(shells)('keeps any printable comment exactly ($name)', ({ argv }) => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...' !"#$%&\'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~é€'.split('')), maxLength: 40 }), (comment) => {
        const key = `ssh-ed25519 ${BODY} x${comment}x`;
        expect(runKeyStep(argv, key).text).toBe(`${key}\n`);
      }),
      { numRuns: 25 },
    );
  });

  it('refuses what cannot be one authorized_keys line, saying what to paste instead', () => {
    expect(isoCommands({ publicKey: '', sshd: 'openssh' })).toEqual({ ok: false, message: expect.stringMatching(/^Paste your public key/) });
    expect(publicKeyProblem(`${KEY}\nssh-ed25519 ${BODY} second`)).toMatch(/exactly one key on one line/);
    expect(publicKeyProblem('-----BEGIN OPENSSH PRIVATE KEY-----')).toMatch(/private key/);
    expect(publicKeyProblem('hello world')).toMatch(/not an SSH public key/);
    expect(publicKeyProblem('http://example.com/keys')).toMatch(/https URL/);
    expect(publicKeyProblem('https://example.com/a b')).toMatch(/https URL/);
    expect(publicKeyProblem(KEY)).toBeNull();
    expect(publicKeyProblem(`ssh-ed25519 ${BODY}`)).toBeNull();
  });
});
