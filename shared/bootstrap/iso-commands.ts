import { op, sh } from '../shell/quote';
import { hasControlChars, isUrl } from '../profile/values';

// A box freshly booted from the Alpine ISO has no network set up and no SSH
// server (ALPINE-FACTS), so Cairn cannot reach it yet. These are the commands
// a person types at its console to make it reachable, in the order they must
// run. Every value is data passed through quote(); nothing is concatenated.

export type SshServer = 'openssh' | 'dropbear';

export interface IsoCommandsInput {
  /** One authorized_keys line (`ssh-ed25519 AAAA… comment`), or an https URL serving keys (https://github.com/jane.keys). */
  publicKey: string;
  sshd: SshServer;
}

export interface ConsoleStep {
  title: string;
  /** What the commands do, in a sentence. */
  why: string;
  /** Each line typed as is and followed by Enter. */
  commands: string[];
}

export type IsoCommands = { ok: true; steps: ConsoleStep[]; /** Every command, one per line, for the copy button. */ script: string } | { ok: false; message: string };

const KEY_LINE = /^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) [A-Za-z0-9+/]+={0,3}( .*)?$/;

const SSH_DIR = '/root/.ssh';
const AUTHORIZED_KEYS = `${SSH_DIR}/authorized_keys`;

/** The problem with a pasted key, or null when it can be written as one authorized_keys line. */
export function publicKeyProblem(raw: string): string | null {
  const key = raw.trim();
  if (key === '') return 'Paste your public key (the contents of ~/.ssh/id_ed25519.pub) or an https URL to your keys.';
  if (hasControlChars(key)) return 'Paste exactly one key on one line; the text holds line breaks or control characters.';
  if (/^https?:\/\//i.test(key)) {
    return isUrl(key, ['https']) ? null : 'Use an https URL without spaces, such as https://github.com/jane.keys.';
  }
  if (/PRIVATE KEY/.test(key)) return 'This is a private key: never give it to a box. Paste the .pub file instead.';
  return KEY_LINE.test(key.replace(/\s+/g, ' ')) ? null : 'This is not an SSH public key: it should start with ssh-ed25519, ssh-rsa or ecdsa-sha2-… followed by the key.';
}

function keySteps(key: string): string[] {
  const setup = [sh('mkdir', '-p', SSH_DIR), sh('chmod', '700', SSH_DIR)];
  const add = /^https:/i.test(key) ? sh('wget', '-qO-', key, op('>>'), AUTHORIZED_KEYS) : sh('printf', '%s\\n', key, op('>>'), AUTHORIZED_KEYS);
  return [...setup, add, sh('chmod', '600', AUTHORIZED_KEYS)];
}

/** The console commands, or why the key cannot be used. Pure: the same input always gives the same text. */
export function isoCommands(input: IsoCommandsInput): IsoCommands {
  const problem = publicKeyProblem(input.publicKey);
  if (problem !== null) return { ok: false, message: problem };
  const key = input.publicKey.trim();
  const service = input.sshd === 'openssh' ? 'sshd' : 'dropbear';
  const steps: ConsoleStep[] = [
    {
      title: 'Log in as root',
      why: 'At the “localhost login:” prompt type root and press Enter; the ISO asks for no password.',
      commands: ['root'],
    },
    {
      title: 'Bring up the network',
      why: 'Sets up the first wired interface with DHCP and restarts networking. For Wi-Fi or a fixed address run setup-interfaces alone and answer its questions.',
      commands: [sh('setup-interfaces', '-a', '-r')],
    },
    {
      title: 'Let your key in',
      why: 'Adds your public key to root’s authorized_keys so Cairn can log in without a password.',
      commands: keySteps(key),
    },
    {
      title: `Install ${input.sshd === 'openssh' ? 'OpenSSH' : 'Dropbear'}`,
      why: 'Installs the SSH server from the ISO and enables it at every boot.',
      // -c rather than the bare name: alpine-conf before 3.16 only knows -c, later ones still accept it.
      commands: [sh('setup-sshd', '-c', input.sshd)],
    },
    {
      title: 'Start the SSH server',
      why: `Starts ${service} now; if setup-sshd already started it, this only says so.`,
      commands: [sh('rc-service', service, 'start')],
    },
    {
      title: 'Find the address',
      why: 'Shows the box’s IPv4 addresses: enter the inet address of eth0 (not 127.0.0.1) as the host of this target, user root, port 22.',
      commands: [sh('ip', '-4', 'addr')],
    },
  ];
  return { ok: true, steps, script: `${steps.flatMap((s) => s.commands).join('\n')}\n` };
}
