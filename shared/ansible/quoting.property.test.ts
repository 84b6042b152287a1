import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderInterfaces } from '../answerfile/interfaces-render';
import { HOSTILE_PIECES, validProfile } from '../profile/arbitrary.test-support';
import type { Profile } from '../profile/schema';
import { quote } from '../shell';
import { wifiShellVariable } from './answers';
import { ansibleExport } from './index';
import { splitVars } from './inventory';
import { readQuoted, unsafeValues } from './yaml.test-support';
import type { Yaml } from './yaml';

// A hostile profile value (quotes, line breaks, `{{ }}`, `$(…)`, Unicode line
// separators) must stay data: in the YAML it is one !unsafe scalar that reads
// back byte for byte, and in the answer file the shell never runs it.

const TARBALL = path.resolve(import.meta.dirname, '../../../shared/alpine/alpine-minirootfs-3.20.3-x86_64.tar.gz');
let scratch = '';
let shell: string[] = [];

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'cairn-ansible-quoting-'));
  if (!existsSync(TARBALL)) throw new Error(`${TARBALL} is missing: the answer files must be sourced by Alpine's BusyBox sh.`);
  const root = path.join(scratch, 'root');
  mkdirSync(root);
  execFileSync('tar', ['-xzf', TARBALL, '-C', root, './bin/busybox', './lib/ld-musl-x86_64.so.1']);
  shell = [path.join(root, 'lib/ld-musl-x86_64.so.1'), path.join(root, 'bin/busybox'), 'sh'];
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const hostileText = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE_PIECES, '{{ lookup("pipe", "id") }}', '{% raw %}', '\n- x: y', '" #', '\u2028', '\u0085', ': '), fc.string({ maxLength: 4 })), {
    minLength: 1,
    maxLength: 6,
  })
  .map((p) => p.join(''));

// eslint-disable-next-line no-control-regex -- control characters are what validation keeps out of these fields
const CONTROL = /[\u0000-\u001f\u007f]/g;

/** A valid profile whose free-text fields carry hostile text where validation lets them. */
const hostileProfile = fc.tuple(validProfile, hostileText, hostileText).map(([p, a, b]): Profile => ({
  ...p,
  name: `${a} fleet`.slice(0, 100).replace(CONTROL, '?'),
  user: p.user === null ? null : { ...p.user, fullName: b.replace(CONTROL, '?').replaceAll(':', '?') },
}));

/** Every string of a value, depth first: the order the YAML writer emits them. */
const strings = (v: Yaml): string[] =>
  typeof v === 'string' ? [v] : v === null || typeof v !== 'object' || 'trusted' in v ? [] : Array.isArray(v) ? v.flatMap(strings) : Object.values(v).flatMap(strings);

/** A scalar Cairn wrote itself: plain text of a fixed alphabet, a number, a boolean, null, [] or {}. */
const SCALAR = String.raw`(?:Q|!unsafe Q|[A-Za-z/][A-Za-z0-9 ,.()/_+=-]*|-?\d+|true|false|null|\[\]|\{\})(?:  # noqa: [a-z-]+)?`;
const LINE = new RegExp(String.raw`^(?: {2})*(?:- )*(?:[A-Za-z_][A-Za-z0-9_.-]*:(?: ${SCALAR})?|${SCALAR})$`);
// eslint-disable-next-line no-control-regex -- the characters YAML would read as a line break or refuse
const RAW_BREAK = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;

/** The document's structure with every double-quoted scalar (however many lines it folds over) replaced by Q. */
function structure(doc: string): string[] {
  const body = doc.slice(doc.indexOf('---\n') + 4);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== '"') out += body[i];
    else {
      const { end } = readQuoted(body, i);
      out += 'Q';
      i = end - 1;
    }
  }
  return out.split('\n').filter((l) => l !== '');
}

describe('a hostile profile in the export', () => {
  it('stays data in every YAML file: one !unsafe scalar per value, reading back byte for byte', () => {
    fc.assert(
      fc.property(hostileProfile, (profile) => {
        const out = ansibleExport(profile);
        if (!out.ok) throw new Error(JSON.stringify(out.problems));
        for (const [file, { content }] of out.files) {
          if (!file.endsWith('.yml')) continue;
          expect(content, file).not.toMatch(RAW_BREAK);
          const header = content.slice(0, content.indexOf('---\n'));
          for (const line of header.split('\n').filter((l) => l !== '')) expect(line, file).toMatch(/^#/);
          for (const line of structure(content)) expect(line, file).toMatch(LINE);
        }
        const { group, hosts } = splitVars([{ alias: profile.hostname, row: null, profile, connection: null }]);
        expect(unsafeValues(out.files.get('group_vars/cairn_boxes.yml')?.content ?? '')).toEqual(strings(group));
        expect(unsafeValues(out.files.get(`host_vars/${profile.hostname}.yml`)?.content ?? '')).toEqual(strings(hosts.get(profile.hostname) ?? {}));
        const ini = out.files.get('inventory.ini')?.content ?? '';
        expect(ini).not.toMatch(RAW_BREAK);
        for (const line of ini.split('\n').filter((l) => l !== ''))
          expect(line).toMatch(/^(#.*|\[cairn_boxes(:vars)?\]|[A-Za-z0-9][A-Za-z0-9.-]*( ansible_[a-z]+=[A-Za-z0-9._:%+@/-]+)*|ansible_ssh_common_args='[^'\n]*')$/);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps a hostile target user or key path out of the inventory line, as !unsafe host_vars', () => {
    // A target's user and key path: one word, as the target schema allows.
    // eslint-disable-next-line no-control-regex -- control characters are what the schema refuses
    const word = fc.stringMatching(/^[^\s\u0000-\u001f\u007f]{1,20}$/);
    fc.assert(
      fc.property(word, word, (user, keyPath) => {
        const out = ansibleExport({ ...validProfileExample(), hostname: 'box' }, { connections: [{ host: '10.0.0.5', port: 22, user, jump: [], auth: 'key', keyPath }] });
        if (!out.ok) throw new Error(JSON.stringify(out.problems));
        const hostLine = (out.files.get('inventory.ini')?.content ?? '').split('\n').find((l) => l.startsWith('box ')) ?? '';
        expect(hostLine).toMatch(/^box( ansible_[a-z]+=[A-Za-z0-9._:%+@/-]+)+$/);
        const own = out.files.get('host_vars/box.yml')?.content ?? '';
        expect(unsafeValues(own)).toContain(keyPath);
        if (!hostLine.includes(`ansible_user=${user}`)) expect(unsafeValues(own)).toContain(user);
      }),
      { numRuns: 100 },
    );
  });

  it('reaches setup-alpine as written: the answer file sourced by BusyBox sh runs nothing and yields the interfaces with the passphrase', () => {
    const passphrase = fc.stringMatching(/^[!#-[\]-~][ !#-[\]-~]{6,61}[!#-[\]-~]$/);
    fc.assert(
      fc.property(validProfile, passphrase, (base, secret) => {
        const first = base.interfaces[0];
        if (first === undefined) return;
        const profile: Profile = { ...base, interfaces: [{ ...first, wifi: { ssid: first.wifi?.ssid ?? 'Home', passphrase: secret } }, ...base.interfaces.slice(1)] };
        const out = ansibleExport(profile);
        if (!out.ok) throw new Error(JSON.stringify(out.problems));
        const answers = out.files.get(`files/answers-${profile.hostname}`)?.content ?? '';
        // What site.yml puts in front on the box: each vault passphrase with # escaped for ifupdown-ng, then shell-quoted (Jinja's quote is shlex.quote, as Cairn's quote).
        const assignments = profile.interfaces.map((i, n) =>
          i.wifi === null || i.wifi.passphrase === '' ? '' : `${wifiShellVariable(n)}=${quote(i.wifi.passphrase.replaceAll('#', '\\#'))}\n`,
        );
        const text = `${assignments.join('')}${answers}`;
        const dir = mkdtempSync(path.join(scratch, 'run-'));
        writeFileSync(path.join(dir, 'answers'), text);
        const r = spawnSync(shell[0] ?? '', [...shell.slice(1), '-c', '. ./answers && printf %s "$INTERFACESOPTS"'], {
          cwd: dir,
          env: { PATH: path.join(dir, 'nothing') },
          encoding: 'utf8',
        });
        rmSync(dir, { recursive: true, force: true });
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
        expect(r.stdout).toBe(renderInterfaces(profile.interfaces));
      }),
      { numRuns: 60 },
    );
  });
});

function validProfileExample(): Profile {
  return fc.sample(validProfile, { numRuns: 1, seed: 7 })[0] as Profile;
}
