import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBatchCsv } from '../shared/batch/csv';
import { emptyRow } from '../shared/batch/row';
import { ROW_PASSPHRASE, WIFI_PASSPHRASE, keyOf, piProfile, threeRows } from '../shared/ansible/fixtures.test-support';
import { createKnownHostsStore } from '../electron/store/known-hosts';
import { createTargetStore } from '../electron/store/targets';
import { buildCli, cairn, isolatedEnv } from './cli-process.test-support';

let dir = '';
let env: NodeJS.ProcessEnv = {};
const at = (name: string) => join(dir, name);

beforeAll(async () => {
  buildCli();
  dir = mkdtempSync(join(tmpdir(), 'cairn-cli-export-'));
  env = isolatedEnv(at('home'));
  writeFileSync(at('pi.json'), JSON.stringify(piProfile()));
  // The table as the batch dialog saves it; hostnames and addresses come from the options.
  writeFileSync(at('rows.csv'), formatBatchCsv(threeRows().rows));
  const saved = await createTargetStore(at('data/targets.json')).save({ name: 'greenhouse', host: '10.0.0.6', port: 22, user: 'root', auth: 'agent', tags: [] });
  if (!saved.ok) throw new Error(saved.error.message);
  const k = keyOf('10.0.0.6', 22, 'box2');
  await createKnownHostsStore(at('data/known_hosts')).add(k.host, k.port, k.keyType, k.key);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const exportTo = (out: string, ...more: string[]) =>
  cairn(
    [
      'export',
      'ansible',
      at('pi.json'),
      '--batch',
      at('rows.csv'),
      '--hostname',
      'pi-{nn}',
      '--ipv4-pool',
      '192.168.1.40-192.168.1.49',
      '--out',
      out,
      '--data',
      at('data'),
      ...more,
    ],
    { env },
  );

describe('cairn export ansible', () => {
  it('writes the inventory, playbook and their files for every row, 0600 in a 0700 folder, and lists what it cannot express', async () => {
    const out = at('fleet');
    const r = await exportTo(out);
    expect(r.stderr).toContain('note: not expressed in the playbook (listed at the top of site.yml):');
    expect(r.stderr).toContain('pi-01: Cairn has no host key for 10.0.0.5');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`wrote ${out} for 3 boxes (pi-01, pi-02, shed):\n  inventory.ini\n  site.yml\n`);
    expect(r.stdout).toContain(`Run it with: cd ${out} && ansible-playbook -i inventory.ini site.yml`);
    expect(statSync(out).mode & 0o777).toBe(0o700);
    expect(readdirSync(join(out, 'host_vars')).sort()).toEqual(['pi-01.yml', 'pi-02.yml', 'shed.yml']);
    const inventory = readFileSync(join(out, 'inventory.ini'), 'utf8');
    expect(inventory).toContain('pi-02 ansible_host=10.0.0.6 ansible_port=22 ansible_user=root');
    expect(inventory).toContain('shed ansible_host=10.0.0.7 ansible_port=2222 ansible_user=root');
    expect(readFileSync(join(out, 'known_hosts'), 'utf8')).toContain(`10.0.0.6 ssh-ed25519 ${keyOf('', 0, 'box2').key}`);
    for (const file of ['inventory.ini', 'site.yml', 'known_hosts', 'files/answers-shed', 'host_vars/shed.yml', 'group_vars/cairn_boxes.yml']) {
      expect(statSync(join(out, file)).mode & 0o777, file).toBe(0o600);
      const text = readFileSync(join(out, file), 'utf8');
      expect(text).not.toContain(WIFI_PASSPHRASE);
      expect(text).not.toContain(ROW_PASSPHRASE);
    }
  });

  it('refuses a folder that is not empty, naming --out and --force, and writes over it with --force', async () => {
    const out = at('twice');
    expect((await exportTo(out)).status).toBe(0);
    const again = await exportTo(out);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(
      new RegExp(`^--out: ${out} is not empty \\(it holds .*\\); export into an empty folder, or add --force to overwrite the files the export writes\\.`, 'm'),
    );
    expect((await exportTo(out, '--force')).status).toBe(0);
  });

  it('names the row and column of a batch problem and the --batch file, and writes nothing', async () => {
    writeFileSync(at('bad.csv'), formatBatchCsv([...threeRows().rows, { ...emptyRow(), target: 'attic' }]));
    const out = at('bad');
    const r = await cairn(['export', 'ansible', at('pi.json'), '--batch', at('bad.csv'), '--out', out, '--data', at('data')], { env });
    expect(r.stderr).toContain(`--batch ${at('bad.csv')}: Row 5, target: No saved target is named “attic”`);
    expect(r.status).toBe(1);
    expect(() => statSync(out)).toThrow(/ENOENT/);
  });

  it('explains wrong usage, naming the option', async () => {
    const other = await cairn(['export', 'yaml', at('pi.json'), '--out', at('x')], { env });
    expect(other.status).toBe(2);
    expect(other.stderr).toContain('cairn export writes ansible, not "yaml"');
    const noOut = await cairn(['export', 'ansible', at('pi.json')], { env });
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toContain('cairn export needs --out.');
    const missing = await cairn(['export', 'ansible', at('pi.json'), '--batch', at('nope.csv'), '--out', at('y')], { env });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain(`--batch: Cannot read ${at('nope.csv')}: there is no such file.`);
    const alone = await cairn(['export', 'ansible', at('pi.json'), '--hostname', 'pi-{nn}', '--out', at('z')], { env });
    expect(alone.status).toBe(2);
    expect(alone.stderr).toContain('--hostname applies to the rows of a batch; give --batch FILE.csv too.');
  });

  it('is in the help', async () => {
    const help = await cairn(['help', 'export'], { env });
    expect(help.stdout).toMatch(/^Usage: cairn export ansible PROFILE.json --out DIR/);
    expect((await cairn(['--help'], { env })).stdout).toContain('export ansible PROFILE.json --out DIR [--batch FILE.csv]');
  });
});
