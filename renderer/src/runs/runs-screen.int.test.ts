// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenSshTarget, type TestTarget } from '../../../e2e/target';
import { installerRuns } from '../../../e2e/target/stand-ins.test-support';
import type { Harness } from '../../../electron/services.test-support';
import { templateById, type Profile } from '../../../shared/profile';
import { savedTarget } from '../targets/render-shell.test-support';
import { renderRuns, savedProfile } from './render-runs.test-support';

// The Run screen against the real handler table, the real runner and a real
// sshd: what a person sees while an install goes and after it ended.

let box: TestTarget;
beforeAll(async () => {
  box = await startOpenSshTarget();
});
afterAll(() => box?.stop());

const sensor = (): Profile => ({ ...(templateById('diskless-iot')?.make() as Profile), name: 'Sensor' });

async function seed(h: Harness): Promise<void> {
  await savedProfile(h, sensor());
  await savedTarget(h, { name: 'box', host: box.host, port: box.port, user: box.user, auth: 'key', keyPath: box.privateKeyPath });
  await h.services.knownHosts.add(box.host, box.port, 'ssh-ed25519', box.hostPublicKey.split(' ')[1] ?? '');
}

async function startOnBox(user: UserEvent) {
  await user.click(await screen.findByRole('checkbox', { name: /^box / }));
  await user.click(screen.getByRole('button', { name: 'Review and start…' }));
  await user.click(within(await screen.findByRole('dialog', { name: 'Start the install?' })).getByRole('button', { name: 'Start' }));
}

describe('following an install on the Run screen', () => {
  it('shows the live log, the setup-alpine section and the steps, then the outcome, and opens the run again from the list', async () => {
    await box.standIns?.control({ apk: { startDelayMs: 50 } });
    const { user, reopen } = await renderRuns({ seed });
    await startOnBox(user);

    const progress = await screen.findByTestId('section-progress', {}, { timeout: 20_000 });
    expect(progress).toHaveTextContent(/^Section \d of 9: /);
    const log = screen.getByRole('log', { name: 'Output of box' });
    await waitFor(() => expect(log).toHaveTextContent('ALPINE LINUX INSTALL'), { timeout: 20_000 });
    await waitFor(() => expect(screen.getByTestId('run-summary')).toHaveTextContent('“Sensor” was installed on box: every step succeeded.'), { timeout: 30_000 });
    expect(screen.queryByTestId('section-progress')).not.toBeInTheDocument();
    const steps = within(screen.getByRole('list', { name: 'Steps' })).getAllByRole('listitem');
    expect(steps.map((s) => s.getAttribute('data-status'))).toEqual(steps.map(() => 'succeeded'));
    expect(screen.getByRole('status')).toHaveTextContent('“Sensor” was installed on box.');
    // Runs from RAM: nothing to reboot into, and the way on is to the box.
    const after = screen.getByRole('group', { name: 'After the install' });
    expect(within(after).queryByRole('button', { name: /^Reboot/ })).not.toBeInTheDocument();
    expect(within(after).getByRole('button', { name: 'Open box in Boxes' })).toBeInTheDocument();

    // A new window lists the run from disk and reads its log back from the file.
    reopen();
    const history = await screen.findByRole('table', { name: 'All runs, newest first' });
    await user.click(within(history).getByRole('button', { name: /^Open the run on box from / }));
    await waitFor(() => expect(screen.getByRole('log', { name: 'Output of box' })).toHaveTextContent('ALPINE LINUX INSTALL'));
    expect(screen.getByTestId('run-summary')).toHaveTextContent('“Sensor” was installed on box: every step succeeded.');
  });

  it('retries a box that failed installing its packages from that step, and says what it skips', async () => {
    await box.standIns?.clearRecords();
    await box.standIns?.control({ apk: { mode: 'fail', errorLine: 'network unreachable' } });
    const { user, fleetsDone, reopen } = await renderRuns({
      seed: async (h) => {
        await seed(h);
        await savedProfile(h, { ...sensor(), name: 'Sensor with htop', packages: ['htop'], services: [] });
      },
    });
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Profile' }), 'Sensor with htop');
    await startOnBox(user);
    await waitFor(() => expect(fleetsDone()).toBe(1), { timeout: 30_000 });
    await waitFor(() =>
      expect(screen.getByTestId('run-summary')).toHaveTextContent('The install on box failed: "Install the extra packages" failed with exit code 1: network unreachable'),
    );
    expect(screen.queryByTestId('run-resume')).not.toBeInTheDocument();

    await box.standIns?.control({});
    await user.click(screen.getByRole('button', { name: 'Retry failed' }));
    const sentence = 'Retrying box from “Install the extra packages”: reruns 4 steps, skips 1 done before.';
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(sentence));
    expect(await screen.findByTestId('run-resume')).toHaveTextContent(sentence);
    await waitFor(() => expect(screen.getByTestId('run-summary')).toHaveTextContent('“Sensor with htop” was installed on box: every step succeeded.'), { timeout: 30_000 });
    const marks = () =>
      within(screen.getByRole('list', { name: 'Steps' }))
        .getAllByRole('listitem')
        .map((li) => li.querySelector('.step-mark')?.textContent);
    const expected = ['Done', 'Skipped — done in the previous run', 'Done', 'Done', 'Done', 'Done'];
    expect(marks()).toEqual(expected);
    expect(installerRuns((await box.standIns?.records()) ?? [])).toBe(1);

    // Read back from disk in a new window, the run still says so.
    reopen();
    const history = await screen.findByRole('table', { name: 'All runs, newest first' });
    await user.click(within(history).getAllByRole('button', { name: /^Open the run on box from / })[0] as HTMLElement);
    await waitFor(() => expect(screen.getByTestId('run-resume')).toHaveTextContent(sentence));
    expect(marks()).toEqual(expected);
  });

  it('cancels a run from its page', async () => {
    await box.standIns?.control({ apk: { startDelayMs: 500 } });
    const { user } = await renderRuns({ seed });
    await startOnBox(user);
    await screen.findByTestId('section-progress', {}, { timeout: 20_000 });
    await user.click(screen.getByRole('button', { name: 'Cancel the run on box' }));
    await waitFor(() => expect(screen.getByTestId('run-summary')).toHaveTextContent(/^The install on box was cancelled at “Run setup-alpine/), { timeout: 20_000 });
    expect(
      within(screen.getByRole('table', { name: 'Targets of this run' }))
        .getByRole('rowheader', { name: 'box' })
        .closest('tr'),
    ).toHaveTextContent('Cancelled');
    expect(screen.getByRole('button', { name: 'Retry failed' })).toBeInTheDocument();
  });

  it('ends a disk install in "Reboot now" and "Open in Boxes"', async () => {
    await box.standIns?.control({});
    const vm: Profile = { ...(templateById('vm')?.make() as Profile), name: 'Server' };
    const { user } = await renderRuns({
      seed: async (h) => {
        await seed(h);
        await savedProfile(h, vm);
      },
    });
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Profile' }), 'Server');
    await user.click(await screen.findByRole('checkbox', { name: /^box / }));
    await user.click(screen.getByRole('button', { name: 'Review and start…' }));
    const erase = await screen.findByRole('alertdialog', { name: 'Erase /dev/vda and install?' });
    await user.type(within(erase).getByRole('textbox', { name: 'Type /dev/vda to confirm erasing it' }), '/dev/vda');
    await user.click(within(erase).getByRole('button', { name: 'Erase and start' }));
    await waitFor(() => expect(screen.getByTestId('run-summary')).toHaveTextContent(/^“Server” was installed on box/), { timeout: 30_000 });

    const after = screen.getByRole('group', { name: 'After the install' });
    await user.click(within(after).getByRole('button', { name: 'Reboot box now' }));
    await waitFor(async () => expect((await box.standIns?.recordsOf('reboot'))?.length).toBe(1), { timeout: 20_000 });
    await user.click(within(after).getByRole('button', { name: 'Open box in Boxes' }));
    expect(await screen.findByRole('button', { name: 'Boxes', current: 'page' })).toBeInTheDocument();
  });
});
