// @vitest-environment jsdom
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { templateById, type Profile } from '../../../shared/profile';
import { savedTarget } from '../targets/render-shell.test-support';
import { seriousViolations } from '../test-support/render-app.test-support';
import { renderRuns, savedProfile } from './render-runs.test-support';

const oldPc = () => templateById('old-pc')?.make() as Profile;

describe('the Runs screen', () => {
  it('starts from the wizard’s saved profile and makes the person type the disk before an erase can start', async () => {
    let profileId = '';
    const { user, h } = await renderRuns({
      seed: async (h) => {
        profileId = await savedProfile(h, oldPc());
        await savedProfile(h, { ...oldPc(), name: 'Spare' });
        await savedTarget(h, { name: 'garage', host: '10.0.0.5', user: 'root' });
        await savedTarget(h, { name: 'attic', host: '10.0.0.6' });
      },
    });
    const review = screen.getByRole('button', { name: 'Review and start…' });
    expect(review).toBeDisabled();
    expect(review).toHaveAccessibleDescription('Choose a saved profile and at least one target.');
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Profile' })).toHaveDisplayValue('Old PC'));
    await user.click(await screen.findByRole('checkbox', { name: /^garage root@10\.0\.0\.5:22/ }));
    await user.click(review);

    const dialog = await screen.findByRole('alertdialog', { name: 'Erase /dev/sda and install?' });
    expect(within(dialog).getByText(/will run on/)).toHaveTextContent('“Old PC” will run on garage (root@10.0.0.5:22).');
    const steps = within(dialog).getByRole('list', { name: 'Planned steps' });
    expect(
      within(steps)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Run setup-alpine with the answer file (disk step held back)',
      'Remove the uploaded answer file',
      'Install the extra packages',
      'Enable the services at boot',
      'Leave a receipt on the box (/etc/cairn/receipt.json)',
      'Install Alpine to /dev/sda Erases /dev/sda',
    ]);
    const typed = within(dialog).getByRole('textbox', { name: 'Type /dev/sda to confirm erasing it' });
    expect(typed).toHaveFocus();
    const start = within(dialog).getByRole('button', { name: 'Erase and start' });
    expect(start).toBeDisabled();
    await user.type(typed, '/dev/sd');
    expect(start).toBeDisabled();
    expect(typed).toHaveAttribute('aria-invalid', 'true');
    await user.type(typed, 'a');
    expect(start).toBeEnabled();
    expect(await seriousViolations(document.body)).toEqual([]);

    // Escape leaves without starting anything.
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(await h.services.profiles.get(profileId)).toMatchObject({ ok: true });
    expect(screen.getByRole('heading', { name: 'All runs' })).toBeInTheDocument();
    expect(screen.getByText(/No runs yet/)).toBeInTheDocument();
  });

  it('shows the profile’s problems instead of a plan, and offers no Start', async () => {
    const { user } = await renderRuns({
      seed: async (h) => {
        await savedProfile(h, { ...oldPc(), name: 'Broken', hostname: '-bad-' });
        await savedTarget(h, { name: 'garage' });
      },
    });
    await user.click(await screen.findByRole('checkbox', { name: /^garage / }));
    await user.click(screen.getByRole('button', { name: 'Review and start…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Start the install?' });
    expect(within(dialog).getByRole('alert')).toHaveTextContent(/The profile has problems to fix in the Wizard before it can run:.*hostname/);
    expect(within(dialog).getByRole('button', { name: 'Start' })).toBeDisabled();
  });

  it('follows a run that cannot reach its box to the end, and says why in one sentence', async () => {
    const { user, fleetsDone } = await renderRuns({
      seed: async (h) => {
        const p = templateById('diskless-iot')?.make() as Profile;
        await savedProfile(h, p);
        // Port 1 on the loopback refuses at once: a real connection attempt that fails quickly.
        const t = await savedTarget(h, { name: 'nowhere', host: '127.0.0.1', port: 1, auth: 'password' });
        await h.services.secrets.set(t.id, 'password', 'pw');
      },
    });
    await user.click(await screen.findByRole('checkbox', { name: /^nowhere / }));
    await user.click(screen.getByRole('button', { name: 'Review and start…' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Start the install?' })).getByRole('button', { name: 'Start' }));

    await waitFor(() => expect(fleetsDone()).toBe(1), { timeout: 20_000 });
    const summary = await screen.findByTestId('run-summary');
    await waitFor(() => expect(summary).toHaveTextContent(/^The install on nowhere failed at “Check the box .*”: .*127\.0\.0\.1/));
    const fleet = screen.getByRole('table', { name: 'Targets of this run' });
    expect(within(fleet).getByRole('rowheader', { name: 'nowhere' }).closest('tr')).toHaveTextContent('Failed');
    expect(screen.getByRole('button', { name: 'Retry failed' })).toBeInTheDocument();
    expect(within(screen.getByRole('list', { name: 'Steps' })).getAllByRole('listitem')[0]).toHaveTextContent(/^Failed/);
    expect(screen.getByRole('status')).toHaveTextContent(/^The install on nowhere failed/);
    const history = screen.getByRole('table', { name: 'All runs, newest first' });
    expect(within(history).getByRole('rowheader', { name: /^nowhere Diskless IoT board, / })).toBeInTheDocument();
  });

  it('asks how many boxes install at once when there are several, refuses a number outside 1–50 by the field, and starts with the one given', async () => {
    const { user, h, fleetsDone } = await renderRuns({
      seed: async (h) => {
        await savedProfile(h, templateById('diskless-iot')?.make() as Profile);
        for (const name of ['one', 'two', 'three']) {
          const t = await savedTarget(h, { name, host: '127.0.0.1', port: 1, auth: 'password' });
          await h.services.secrets.set(t.id, 'password', 'pw');
        }
      },
    });
    await user.click(await screen.findByRole('checkbox', { name: /^one / }));
    expect(screen.queryByRole('textbox', { name: 'Boxes at once' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: /^two / }));
    await user.click(screen.getByRole('checkbox', { name: /^three / }));
    const atOnce = screen.getByRole('textbox', { name: 'Boxes at once' });
    expect(atOnce).toHaveValue('10');
    await user.clear(atOnce);
    await user.type(atOnce, '60');
    expect(atOnce).toHaveAccessibleDescription('“60” is not a number from 1 to 50: write how many boxes install at the same time.');
    expect(screen.getByRole('button', { name: 'Review and start…' })).toBeDisabled();
    await user.clear(atOnce);
    await user.type(atOnce, '1');
    await user.click(screen.getByRole('button', { name: 'Review and start…' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Start the install?' })).getByRole('button', { name: 'Start' }));
    await waitFor(() => expect(fleetsDone()).toBe(1), { timeout: 20_000 });
    // The fleet was started one box at a time: its record says so.
    const [fleet] = await readdir(join(h.dir, 'fleets'));
    const record = JSON.parse(await readFile(join(h.dir, 'fleets', fleet ?? ''), 'utf8')) as { concurrency: number; targetIds: string[] };
    expect([record.concurrency, record.targetIds.length]).toEqual([1, 3]);
  });

  it('names the target that has no stored password when the main process refuses to start', async () => {
    const { user } = await renderRuns({
      seed: async (h) => {
        await savedProfile(h, templateById('diskless-iot')?.make() as Profile);
        await savedTarget(h, { name: 'attic', auth: 'password' });
      },
    });
    await user.click(await screen.findByRole('checkbox', { name: /^attic / }));
    await user.click(screen.getByRole('button', { name: 'Review and start…' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Start the install?' })).getByRole('button', { name: 'Start' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/^attic: No password is stored for “attic”/);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
