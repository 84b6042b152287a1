import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOpenSshTarget, type TestTarget } from '../../e2e/target';
import { templateById, type Profile } from '../../shared/profile';
import { runTarget } from './run-target';
import { eventLog, loginTo, runsFolder } from './runs.test-support';

// An encrypted install (setup-disk -e): cryptsetup asks for the passphrase on
// a terminal, twice to format and once to open. The stand-in setup-disk asks
// exactly so, on /dev/tty, and records only a hash of what it was told.
const PASSPHRASE = "correct horse 'battery' $(staple)";
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let target: TestTarget;
let login: ReturnType<typeof loginTo>;
let runs: ReturnType<typeof runsFolder>;
beforeAll(async () => {
  target = await startOpenSshTarget();
  login = loginTo(target);
});
afterAll(async () => {
  login?.cleanup();
  await target?.stop();
});
beforeEach(async () => {
  runs = runsFolder();
  await target.standIns?.clearRecords();
});
afterEach(() => runs.cleanup());

function encrypted(passphrase: string): Profile {
  const p = templateById('old-pc')?.make() as Profile;
  return { ...p, disk: { ...p.disk, disks: ['/dev/sda'], encrypt: true, passphrase } };
}

async function everyRunFile(): Promise<string> {
  const texts: string[] = [];
  for (const entry of await readdir(runs.dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) texts.push(await readFile(path.join(entry.parentPath, entry.name), 'utf8'));
  }
  return texts.join('\n');
}

describe('a LUKS install pushed over SSH', () => {
  it('types the passphrase each time cryptsetup asks, and writes it nowhere', async () => {
    const events = eventLog();
    const done = await runTarget({
      targetId: 'box-1',
      connect: login.connect,
      profile: encrypted(PASSPHRASE),
      openRun: runs.openRun,
      sink: events.sink,
      confirm: { erase: ['/dev/sda'] },
    });
    expect(done.error).toBeNull();
    expect(done.status).toBe('succeeded');

    const disk = (await target.standIns?.records())?.filter((r) => r.tool === 'setup-disk' && r.argv.includes('-e')) ?? [];
    expect(disk).toHaveLength(1);
    // Asked three times (format, verify, open), each answered with the profile's passphrase.
    expect(disk[0]?.crypt).toBe(`passphrase-sha256=${sha256(PASSPHRASE)} asked=3`);
    // The questions are in the log for the person reading it; the answer is not, nor in any event or run file.
    expect(await readFile(done.logPath, 'utf8')).toContain('Verify passphrase:');
    expect(await everyRunFile()).not.toContain(PASSPHRASE);
    expect(JSON.stringify(events.events)).not.toContain(PASSPHRASE);
  });

  it('stops, saying so, when the passphrase is refused again and again instead of asking forever', async () => {
    // An empty passphrase, which cryptsetup refuses and asks again for. (The profile check warns and the
    // launcher refuses such a profile; runTarget is the runner below both, so it must still end.)
    const done = await runTarget({ targetId: 'box-1', connect: login.connect, profile: encrypted(''), openRun: runs.openRun, confirm: { erase: ['/dev/sda'] } });
    expect(done.status).toBe('failed');
    expect(done.error?.stepId).toBe('disk');
    expect(done.error?.message).toMatch(/asked for its passphrase again after Cairn typed it/);
  });
});
