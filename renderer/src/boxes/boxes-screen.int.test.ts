// @vitest-environment jsdom
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenSshTarget, type TestTarget } from '../../../e2e/target';
import { sshRun } from '../../../e2e/target/target-exec.test-support';
import { valueOf, type BoxHarness } from '../../../electron/ipc/box-harness.test-support';
import { defaultProfile } from '../../../shared/profile';
import { seriousViolations } from '../test-support/render-app.test-support';
import { boxCard, inPanel, panel, renderBoxes } from './render-boxes.test-support';

// The Boxes screen against the real handler table and the Alpine chroot over
// OpenSSH: what a person sees and what the box was asked (the stand-ins record it).

const SLOW = { timeout: 20_000 };

let box: TestTarget;
beforeAll(async () => {
  box = await startOpenSshTarget();
});
afterAll(() => box?.stop());

// The cards read the box while a test acts, so records are compared from a mark rather than cleared.
const records = async () => (await box.standIns?.records()) ?? [];
const mark = async () => Math.max(0, ...(await records()).map((r) => r.seq));
const calls = async (tool: string, since = 0) => (await records()).filter((r) => r.tool === tool && r.seq > since).map((r) => r.argv.join(' '));

/** The box's processes of an install: the apk stand-in, its wait and the command line that started it. */
const installs = () => box.processes().filter((p) => /apk .*add|sleep 60/.test(p.command));

const statusLine = () => within(screen.getByRole('banner')).getByRole('status');

async function openBox(seed?: (h: BoxHarness) => Promise<void>) {
  const shell = await renderBoxes({
    seed: async (h) => {
      await h.addTarget(box);
      await seed?.(h);
    },
  });
  await waitFor(() => expect(within(boxCard('garage-pi')).getByText(/^Reachable, read/)).toBeInTheDocument(), SLOW);
  await shell.user.click(within(boxCard('garage-pi')).getByRole('button', { name: 'Manage garage-pi' }));
  await screen.findByRole('heading', { level: 2, name: 'garage-pi' });
  return shell;
}

describe('managing a box from the Boxes screen', () => {
  it('shows the facts of a box that answers', async () => {
    await renderBoxes({ seed: (h) => h.addTarget(box).then(() => undefined) });
    const card = await screen.findByRole('article', { name: 'garage-pi' }, SLOW);
    await waitFor(() => expect(within(card).getByText(/^Reachable, read/)).toBeInTheDocument(), SLOW);
    const facts = Object.fromEntries(
      within(card)
        .getAllByRole('term')
        .map((t) => [t.textContent, t.nextElementSibling?.textContent]),
    );
    expect(facts).toMatchObject({
      Alpine: '3.20.3',
      System: 'Diskless (runs from RAM)',
      'Unsaved (lbu)': 'None',
      Upgrades: 'Not checked yet (no package index on the box)',
    });
    expect(facts.Kernel).toMatch(/\(x86_64\)$/);
    expect(await seriousViolations(document.body)).toEqual([]);
  });

  it('offers to check and trust the key of a box never tested, on its card, then reads it', async () => {
    const { user } = await renderBoxes({ seed: (h) => h.addTarget(box, 'garage-pi', false).then(() => undefined) });
    const card = await screen.findByRole('article', { name: 'garage-pi' }, SLOW);
    await waitFor(() => expect(within(card).getByText('Not trusted yet: its host key is new to Cairn')).toBeInTheDocument(), SLOW);
    expect(within(card).queryByText(/Unreachable/)).not.toBeInTheDocument();
    await user.click(within(card).getByRole('button', { name: 'Check the key… of garage-pi' }));
    const ask = screen.getByRole('dialog', { name: 'Trust this host key?' });
    expect(within(ask).getByText(box.hostKeyFingerprint)).toBeInTheDocument();
    await user.click(within(ask).getByRole('button', { name: 'Trust and read garage-pi' }));
    await waitFor(() => expect(within(card).getByText(/^Reachable, read/)).toBeInTheDocument(), SLOW);
    expect(within(card).queryByRole('button', { name: /Check the key/ })).not.toBeInTheDocument();
  });

  it('restarts a service and adds it to a runlevel and removes it again', async () => {
    const { user } = await openBox();
    const services = () => inPanel('Services');
    await waitFor(() => expect(services().getByRole('rowheader', { name: 'crond' })).toBeInTheDocument(), SLOW);
    const from = await mark();
    await user.click(services().getByRole('button', { name: 'Restart crond' }));
    await waitFor(() => expect(statusLine()).toHaveTextContent('Restarted crond on garage-pi.'), SLOW);
    expect(await calls('rc-service', from)).toEqual(['crond restart']);

    await user.selectOptions(services().getByRole('combobox', { name: 'Service' }), 'crond');
    await user.selectOptions(services().getByRole('combobox', { name: 'Runlevel' }), 'default');
    await user.click(services().getByRole('button', { name: 'Add to runlevel' }));
    await waitFor(() => expect(services().getByRole('button', { name: 'Remove crond from default' })).toBeInTheDocument(), SLOW);
    await user.selectOptions(services().getByRole('combobox', { name: 'Show' }), 'Runlevel default');
    expect(
      services()
        .getAllByRole('rowheader')
        .map((r) => r.textContent),
    ).toEqual(['crond']);
    await user.click(services().getByRole('button', { name: 'Remove crond from default' }));
    await waitFor(() => expect(services().queryByRole('button', { name: 'Remove crond from default' })).not.toBeInTheDocument(), SLOW);
    expect(await calls('rc-update', from)).toEqual(['add crond default', 'del crond default']);
    expect(await seriousViolations(document.body)).toEqual([]);
  });

  it('asks before stopping networking, naming what it cuts off, and stops it only when confirmed', async () => {
    // A booted Alpine has the networking service (ifupdown-ng).
    await writeFile(path.join(box.root ?? '', 'etc/init.d/networking'), '#!/sbin/openrc-run\n', { mode: 0o755 });
    const { user } = await openBox();
    const services = () => inPanel('Services');
    await waitFor(() => expect(services().getByRole('rowheader', { name: 'networking' })).toBeInTheDocument(), SLOW);
    const from = await mark();
    await user.click(services().getByRole('button', { name: 'Stop networking' }));
    const ask = await screen.findByRole('alertdialog', { name: 'Stop networking on garage-pi?' });
    expect(ask).toHaveTextContent('Cairn loses the box while it is stopped, so the box starts it again by itself');
    await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(await calls('rc-service', from)).toEqual([]);

    await user.click(services().getByRole('button', { name: 'Stop networking' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Stop networking' }));
    await waitFor(async () => expect(await calls('rc-service', from)).toEqual(['networking stop']), SLOW);
  });

  it('installs a package from a suggestion, shows apk’s output and lists it; a name that is not one is refused on the spot', async () => {
    const { user } = await openBox();
    const packages = () => inPanel('Packages');
    const name = await waitFor(() => packages().getByRole('combobox', { name: 'Install a package' }), SLOW);
    await user.type(name, 'rm -rf');
    expect(name).toHaveAccessibleDescription(expect.stringContaining('is not a package name'));
    expect(packages().getByRole('button', { name: 'Install' })).toBeDisabled();
    await user.clear(name);
    await user.type(name, 'htop');
    expect(within(packages().getByRole('listbox', { name: 'Package suggestions' })).getAllByRole('option')[0]).toHaveTextContent(/^htop/);
    const from = await mark();
    await user.keyboard('{ArrowDown}{Enter}');
    await waitFor(() => expect(packages().getByRole('log', { name: 'Output of the last install on garage-pi' })).toHaveTextContent('Installing htop'), SLOW);
    expect(await calls('apk', from)).toEqual(['add --no-progress htop']);
    await user.type(packages().getByRole('searchbox', { name: 'Find an installed package' }), 'htop');
    await waitFor(
      () => expect(within(packages().getByRole('region', { name: 'Installed packages of garage-pi' })).getByRole('button', { name: 'Remove htop' })).toBeInTheDocument(),
      SLOW,
    );
    expect(name).toHaveValue('');
  });

  it('keeps the LBU card in step after a package install, without a reload', async () => {
    await sshRun(box, 'setup-lbu usb >/dev/null && lbu commit');
    const { user } = await openBox();
    const lbu = () => inPanel('Local backup (lbu)');
    await waitFor(() => expect(lbu().getByText(/^Nothing to commit/)).toBeInTheDocument(), SLOW);
    const name = await waitFor(() => inPanel('Packages').getByRole('combobox', { name: 'Install a package' }), SLOW);
    // tmux: a package no other test here expects missing (the drift test wants nano absent).
    await user.type(name, 'tmux');
    await user.click(inPanel('Packages').getByRole('button', { name: 'Install' }));
    // apk add changed /etc/apk/world: the card says so by itself.
    await waitFor(() => expect(lbu().getByRole('list', { name: 'Changes not committed on garage-pi' })).toHaveTextContent('/etc/apk/world'), SLOW);
  });

  it('upgrades every package with apk’s output as it comes', async () => {
    const { user } = await openBox();
    const upgrades = () => inPanel('Upgrades');
    await user.click(await waitFor(() => upgrades().getByRole('button', { name: 'Upgrade all packages' }), SLOW));
    await waitFor(() => expect(upgrades().getByRole('log', { name: 'Output of the last upgrade on garage-pi' })).toHaveTextContent(/OK: \d+ packages, 0 upgraded/), SLOW);
    expect(await calls('apk')).toEqual(expect.arrayContaining(['-U --no-progress upgrade']));
  });

  it('stops a slow install with Stop: the card says it was stopped, the run is cancelled and apk is gone from the box', async () => {
    // apk waits a minute before doing anything, so the install is still going when Stop is pressed.
    await box.standIns?.control({ apk: { startDelayMs: 60_000 } });
    try {
      const { user, h } = await openBox();
      const packages = () => inPanel('Packages');
      const name = await waitFor(() => packages().getByRole('combobox', { name: 'Install a package' }), SLOW);
      await user.type(name, 'mc');
      const from = await mark();
      await user.click(packages().getByRole('button', { name: 'Install' }));
      // Offered while apk is still silent: the run announced its id as it opened.
      const stop = await waitFor(() => packages().getByRole('button', { name: 'Stop the install on garage-pi' }), SLOW);
      await waitFor(async () => expect(await calls('apk', from)).toEqual(['add --no-progress mc']), SLOW);
      await waitFor(() => expect(installs()).not.toEqual([]), SLOW);
      await user.click(stop);

      const sentence = 'Install mc on garage-pi was stopped before it finished, as asked: start it again to finish it.';
      await waitFor(() => expect(packages().getByRole('status')).toHaveTextContent(sentence), SLOW);
      expect(packages().getByRole('status')).not.toHaveClass('error');
      // The live output ends with the same sentence, as the run log does.
      expect(packages().getByRole('log', { name: 'Output of the last install on garage-pi' })).toHaveTextContent(sentence);
      expect(packages().queryByRole('alert')).not.toBeInTheDocument();
      expect(packages().queryByRole('button', { name: /^Stop/ })).not.toBeInTheDocument();
      expect(statusLine()).toHaveTextContent('Install mc on garage-pi was stopped before it finished');
      const run = (await valueOf(h.call('runs:list', {}))).runs.find((r) => r.profileName === 'Install mc');
      expect(await h.summaryOf(run?.runId ?? '')).toMatchObject({ status: 'cancelled', action: { kind: 'add-packages' }, steps: [{ status: 'cancelled' }] });
      expect(installs()).toEqual([]);
      // The cards read the box again, as after any action: mc is not installed.
      await waitFor(() => expect(packages().getByRole('searchbox', { name: 'Find an installed package' })).toBeInTheDocument(), SLOW);
      expect(within(packages().getByRole('region', { name: 'Installed packages of garage-pi' })).queryByRole('button', { name: 'Remove mc' })).not.toBeInTheDocument();
      expect(await seriousViolations(document.body)).toEqual([]);
    } finally {
      await box.standIns?.control({});
    }
  });

  it('lists what lbu has not saved and commits it with a message that lands in the run log', async () => {
    await sshRun(box, 'setup-lbu usb && lbu commit && echo "welcome" > /etc/motd-garage');
    const { user, h } = await openBox();
    const lbu = () => inPanel('Local backup (lbu)');
    await waitFor(() => expect(lbu().getByRole('list', { name: 'Changes not committed on garage-pi' })).toHaveTextContent('/etc/motd-garage added'), SLOW);
    await user.type(lbu().getByRole('textbox', { name: 'What changed' }), 'Greeting for visitors');
    await user.click(lbu().getByRole('button', { name: 'Commit with lbu' }));
    await waitFor(() => expect(lbu().getByText(/^Saved at .*: “Greeting for visitors”\.$/)).toBeInTheDocument(), SLOW);
    await waitFor(() => expect(lbu().getByText(/^Nothing to commit/)).toBeInTheDocument(), SLOW);
    const { runs } = await valueOf(h.call('runs:list', {}));
    const commit = runs.find((r) => r.profileName.includes('Greeting for visitors'));
    expect(commit).toBeDefined();
    expect(await h.logOf(commit?.runId ?? '')).toContain('lbu commit: Greeting for visitors\n');
  });

  it('warns before rebooting a box with unsaved changes, then waits for it and says when it is back', async () => {
    await sshRun(box, 'mkdir -p /proc/sys/kernel/random && echo 11111111-2222-3333-4444-555555555555 > /proc/sys/kernel/random/boot_id; echo edited >> /etc/motd-garage');
    const { user } = await openBox();
    await waitFor(() => expect(within(panel('Facts of garage-pi')).getByText('1 change not saved')).toBeInTheDocument(), SLOW);
    await user.click(inPanel('Power').getByRole('button', { name: 'Reboot…' }));
    const ask = screen.getByRole('alertdialog', { name: 'Reboot garage-pi?' });
    expect(within(ask).getByRole('alert')).toHaveTextContent('garage-pi runs from RAM and has 1 change not saved with lbu commit: rebooting loses it.');
    expect(within(ask).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    expect(await seriousViolations(document.body)).toEqual([]);
    const from = await mark();
    await user.click(within(ask).getByRole('button', { name: 'Reboot anyway and lose the changes' }));
    await waitFor(() => expect(inPanel('Power').getByText(/^garage-pi is back \(at .*\)\.$/)).toBeInTheDocument(), SLOW);
    expect(await calls('reboot', from)).toEqual(['']);
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('compares the box with a saved profile, applies only the missing steps, the network one with confirm-or-revert, and shows the receipt it leaves', async () => {
    // A box that saves with lbu: applying ends with lbu commit.
    await sshRun(box, 'setup-lbu usb');
    const { user } = await openBox(async (h) => {
      // The box's own keymap, NTP, user and SSH server (none of each), so the rows are the ones this test is about.
      await h.services.profiles.save({ ...defaultProfile(), name: 'Shed', hostname: 'shed', packages: ['nano'], keymap: null, ntp: 'none', user: null, sshd: 'none' });
    });
    const drift = () => inPanel('Drift from a profile');
    await waitFor(() => expect(drift().getByRole('combobox', { name: 'Profile' })).toHaveDisplayValue('Shed'), SLOW);
    await user.click(drift().getByRole('button', { name: 'Compare' }));
    await waitFor(() => expect(drift().getByRole('table')).toBeInTheDocument(), SLOW);
    expect(
      drift()
        .getAllByRole('rowheader')
        .map((r) => r.textContent),
    ).toEqual(['Hostname', 'Network interfaces', 'Package nano']);
    expect(within(drift().getByRole('row', { name: /^Network interfaces eth0/ })).getByText('Yes, with confirm-or-revert')).toBeInTheDocument();
    expect(
      within(drift().getByRole('list', { name: 'Network interfaces, line by line' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['profile: auto lo', 'profile: iface lo inet loopback', 'profile: auto eth0', 'profile: iface eth0 inet dhcp']);
    expect(
      within(drift().getByRole('list', { name: 'Steps to apply' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Set the hostname to shed', 'Install nano']);
    expect(
      within(drift().getByRole('list', { name: 'Steps that need confirm-or-revert' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Write /etc/network/interfaces (takes effect when networking restarts)']);
    expect(await seriousViolations(document.body)).toEqual([]);
    const from = await mark();
    await user.click(drift().getByRole('button', { name: 'Apply these 3 steps' }));
    await waitFor(
      () =>
        expect(
          drift().getByText('Ran: Set the hostname to shed; Install nano; Write /etc/network/interfaces (takes effect when networking restarts). Saved with lbu commit.'),
        ).toBeInTheDocument(),
      SLOW,
    );
    // The interfaces went through confirm-or-revert: the box was reached again, so the change stays.
    await waitFor(() => expect(drift().getByText('garage-pi matches the profile Shed.')).toBeInTheDocument(), SLOW);
    expect(await calls('apk', from)).toEqual(expect.arrayContaining(['add --no-progress nano']));
    expect(await calls('lbu', from)).toContain('commit');
    expect(drift().queryByRole('button', { name: /^Apply/ })).not.toBeInTheDocument();
    // The receipt the apply left: the panel says so, and can compare the box with the profile it records.
    await waitFor(() => expect(drift().getByText(/^The profile Shed was applied on /)).toBeInTheDocument(), SLOW);
    await user.selectOptions(drift().getByRole('combobox', { name: 'Profile' }), 'Shed, as its receipt records it');
    await user.click(drift().getByRole('button', { name: 'Compare' }));
    await waitFor(() => expect(drift().getByText('garage-pi matches the profile Shed as its receipt records it.')).toBeInTheDocument(), SLOW);
  });
});
