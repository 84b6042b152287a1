import { describe, expect, it } from 'vitest';
import { emptyRow, expandBatch, type Batch, type BatchBox } from '../batch/batch';
import { dhcpInterface, templateById, type Profile } from '../profile';
import { batchOverlayProblems, staticAddressOf } from '.';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGsZ4t0h8vKq1XbWq0d9n3Yy0dTGQZ1nJ9yP8mFvZr2c jane@laptop';

/** Boards with wired eth0 (static) and a wifi card wlan0 already joined to the attic network. */
function boards(change: (p: Profile) => Profile = (p) => p): Profile {
  const p = templateById('diskless-iot')!.make();
  return change({
    ...p,
    hostname: 'board',
    sshd: 'openssh',
    packages: [],
    services: [],
    rootSshKeys: [KEY],
    interfaces: [
      { ...dhcpInterface('eth0'), ipv4: { mode: 'static', address: '192.168.1.10', prefix: 24, gateway: '192.168.1.1' } },
      { ...dhcpInterface('wlan0'), wifi: { ssid: 'Attic', passphrase: 'correct horse' } },
    ],
  });
}

function boxesOf(profile: Profile, batch: Batch): BatchBox[] {
  const expanded = expandBatch(profile, batch);
  if (!expanded.ok) throw new Error(JSON.stringify(expanded.problems));
  return expanded.boxes;
}

const rows = (...cells: Array<Partial<Batch['rows'][number]>>): Batch => ({ hostname: 'b-{n}', ipv4Pool: '192.168.1.40-49', rows: cells.map((c) => ({ ...emptyRow(), ...c })) });

describe('boot media for a batch', () => {
  it('names the row whose own cells keep its box from a medium (a second wifi network), by its column', () => {
    const profile = boards();
    const batch = rows({ target: 'a' }, { target: 'b', wifi_ssid: 'Cellar' });
    expect(batchOverlayProblems(profile, boxesOf(profile, batch), null)).toEqual([
      { row: 3, column: 'wifi_ssid', message: 'A boot medium joins one wifi network; keep wifi on one card and add the others after the install.' },
    ]);
  });

  it('tells a problem every box shares with the profile once, with no row', () => {
    const profile = boards((p) => ({ ...p, rootSshKeys: [] }));
    const problems = batchOverlayProblems(profile, boxesOf(profile, rows({ target: 'a' }, { target: 'b' }, { target: 'c' })), null);
    expect(problems).toEqual([{ row: null, column: 'profile', message: expect.stringMatching(/^The box would let nobody in/) }]);
    // Said as the caller says it: the window has no key field, the command has --key.
    expect(batchOverlayProblems(profile, boxesOf(profile, rows({ target: 'a' })), null, { nobodyIn: 'Give --key FILE.' })).toEqual([
      { row: null, column: 'profile', message: 'Give --key FILE.' },
    ]);
    // A login key lets the boxes in: nothing left to tell.
    expect(batchOverlayProblems(profile, boxesOf(profile, rows({ target: 'a' })), KEY)).toEqual([]);
  });

  it('leaves what the batch’s own rules tell (an invalid profile) to them, and tells the profile’s medium problems even without boxes', () => {
    const profile = boards((p) => ({ ...p, timezone: 'Mars/Base', sshd: 'none' }));
    expect(batchOverlayProblems(profile, [], null)).toEqual([{ row: null, column: 'profile', message: expect.stringMatching(/^The boot medium starts the SSH server/) }]);
  });

  it('knows where a box will answer: its first started card’s static address, or nowhere fixed with DHCP', () => {
    expect(staticAddressOf(boards())).toBe('192.168.1.10');
    expect(staticAddressOf(boards((p) => ({ ...p, interfaces: [{ ...p.interfaces[0]!, auto: false }, ...p.interfaces.slice(1)] })))).toBeNull();
    expect(staticAddressOf(boards((p) => ({ ...p, interfaces: [dhcpInterface('eth0')] })))).toBeNull();
  });
});
