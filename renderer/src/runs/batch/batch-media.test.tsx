// @vitest-environment jsdom
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { act, screen, within } from '@testing-library/react';
import { utils } from 'ssh2';
import { afterEach, describe, expect, it } from 'vitest';
import { scriptedDialogs, type Harness } from '../../../../electron/services.test-support';
import { dhcpInterface, templateById } from '../../../../shared/profile';
import { renderShell } from '../../targets/render-shell.test-support';
import { seriousViolations } from '../../test-support/render-app.test-support';

// "Make boot media for these boxes…" in the batch dialog, through the real
// handler table: the folder picker answered by a stand-in, the overlays and
// Cairn's known_hosts read back from disk.

const folders: string[] = [];
afterEach(async () => {
  for (const dir of folders.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function seedProfile(h: Harness): Promise<void> {
  const base = templateById('vm')!.make();
  const saved = await h.services.profiles.save({
    ...base,
    name: 'Rack',
    hostname: 'rack',
    rootSshKeys: [utils.generateKeyPairSync('ed25519').public],
    interfaces: [{ ...dhcpInterface('eth0'), ipv4: { mode: 'static', address: '192.168.5.10', prefix: 24, gateway: '192.168.5.1' } }],
  });
  if (!saved.ok) throw new Error(saved.error.message);
}

async function openBatch() {
  const out = await mkdtemp(join(tmpdir(), 'cairn-batch-media-'));
  folders.push(out);
  const scripted = scriptedDialogs({ open: out });
  const shell = await renderShell({ dialogs: scripted.dialogs, seed: seedProfile });
  act(() => shell.store.getState().ui.setScreen('runs'));
  await shell.user.click(await screen.findByRole('button', { name: 'Install a batch…' }, { timeout: 10_000 }));
  const dialog = screen.getByRole('dialog', { name: 'Install a batch' });
  const cell = (row: number, column: string) => within(dialog).getByRole('textbox', { name: `Row ${row} ${column}` });
  return { ...shell, out, shown: scripted.shown, dialog, cell };
}

describe('Make boot media for these boxes', () => {
  it('names the rows to fix by their cells, asks for no folder and writes nothing; once fixed, writes an overlay per row with its key trusted', async () => {
    const { user, dialog, cell, out, shown, h } = await openBatch();
    await user.type(cell(2, 'Target'), 'root@192.168.5.41');
    await user.type(cell(2, 'Hostname'), 'rack-a');
    await user.type(cell(2, 'IPv4 address'), '192.168.5.41');
    await user.click(within(dialog).getByRole('button', { name: 'Add a row' }));
    await user.type(cell(3, 'Hostname'), 'rack-a');
    await user.type(cell(3, 'IPv4 address'), '192.168.5.42');

    // From the keyboard: a plain button, pressed with Enter.
    const make = within(dialog).getByRole('button', { name: 'Make boot media for these boxes…' });
    make.focus();
    await user.keyboard('{Enter}');
    const problems = await within(dialog).findByRole('list', { name: 'Problems of the batch' }, { timeout: 10_000 });
    expect(problems).toHaveTextContent('Row 3, Target: Name the box');
    expect(problems).toHaveTextContent('Row 3, Hostname: Row 2 has the same hostname (rack-a); each box needs its own.');
    expect(cell(3, 'Hostname')).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByRole('status')).toHaveTextContent('No boot media were written: fix the 2 problems named below, then try again.');
    expect(shown).toEqual([]);
    expect(await readdir(out)).toEqual([]);
    expect(await seriousViolations(dialog)).toEqual([]);

    await user.type(cell(3, 'Target'), 'root@192.168.5.42');
    await user.clear(cell(3, 'Hostname'));
    await user.type(cell(3, 'Hostname'), 'rack-b');
    await user.click(make);
    const written = await within(dialog).findByRole('list', { name: 'Overlays written' }, { timeout: 10_000 });
    expect(within(dialog).getByRole('status')).toHaveTextContent(`Wrote 2 overlays to ${out}; each box’s host key is already trusted for its address.`);
    expect(await readdir(out)).toEqual(['rack-a.apkovl.tar.gz', 'rack-b.apkovl.tar.gz']);
    expect(shown).toHaveLength(1);

    const known = await readFile(join(h.dir, 'known_hosts'), 'utf8');
    const targets = (await h.services.targets.list()).targets;
    for (const [n, address] of ['192.168.5.41', '192.168.5.42'].entries()) {
      const target = targets.find((t) => t.host === address);
      expect(target?.hostKey?.fingerprint).toMatch(/^SHA256:/);
      expect(known).toContain(`${address} ssh-ed25519 ${target?.hostKey?.key ?? 'missing'}`);
      expect(within(written).getAllByRole('listitem')[n]).toHaveTextContent(
        `Row ${n + 2}: rack-${'ab'[n]}.apkovl.tar.gz for root@${address}, host key ${target?.hostKey?.fingerprint ?? ''} trusted for ${address} port 22`,
      );
    }
    expect(await seriousViolations(dialog)).toEqual([]);
  }, 60_000);
});
