import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppPage } from '../pages/app-page';
import { ProfileBar } from '../pages/profile-bar';
import { STEP_TITLES, WizardPage } from '../pages/wizard-page';
import { expect, test } from './fixtures';

const HOSTNAME = 'den-server';
const LAN_ADDRESS = '192.168.50.2';
const ZONE = 'Europe/Berlin';
const PACKAGE = 'curl';

/** The lines of the answer file that the person's changes produce (render() output for them). */
const CHANGED_LINES = [
  `HOSTNAMEOPTS=${HOSTNAME}`,
  `auto eth1\niface eth1 inet static\n\taddress ${LAN_ADDRESS}/24\n`,
  `TIMEZONEOPTS=${ZONE}`,
  `CAIRN_PACKAGES='htop nftables ${PACKAGE}'`,
];

test('a new user builds a profile from the Old PC template through every step, saves it, and opens it again after Cairn restarts', async ({
  page,
  backend,
  restartBackend,
  requests,
}) => {
  const app = new AppPage(page);
  const wizard = new WizardPage(page);
  const bar = new ProfileBar(page);

  // Arrange: a first start, nothing saved yet.
  await app.open(backend.url);
  await expect(bar.saveState).toHaveText('Not saved yet');
  await bar.newFromTemplate('Old PC');
  await expect(bar.name).toHaveValue('Old PC');
  await expect(app.status).toHaveText('New profile from “Old PC”.');

  // Act: every step in order with Next, changing several on the way.
  await wizard.expectStep('Keyboard');
  const visited: string[] = ['Keyboard'];
  while (visited.length < STEP_TITLES.length) {
    const title = await wizard.next();
    visited.push(title);
    const step = wizard.step(title);
    if (title === 'Hostname') {
      await step.getByRole('textbox', { name: 'Hostname' }).fill(HOSTNAME);
    } else if (title === 'Network') {
      await step.getByRole('button', { name: 'Add an interface' }).click();
      const lan = wizard.interfaceCard('eth1');
      await lan.getByRole('radio', { name: 'Static IPv4 address' }).check();
      await lan.getByRole('textbox', { name: 'IPv4 address' }).fill(LAN_ADDRESS);
      await expect(lan.getByRole('textbox', { name: 'Prefix length' })).toHaveValue('24');
    } else if (title === 'Time zone') {
      await wizard.pickFromList(step, 'Time zone', 'berlin', ZONE);
    } else if (title === 'Packages & services') {
      await wizard.addPackage(step, PACKAGE);
    }
  }
  expect(visited).toEqual([...STEP_TITLES]);

  // Assert: the review and the preview show what was chosen.
  const review = wizard.step('Review');
  await expect(review.getByRole('status')).toHaveText(/^The answer file is ready/);
  await expect(review.getByRole('definition').filter({ hasText: HOSTNAME })).toBeVisible();
  await expect(review.getByText(`eth0 (DHCP); eth1 (${LAN_ADDRESS}/24)`)).toBeVisible();
  const preview = await wizard.preview();
  for (const line of CHANGED_LINES) expect(preview).toContain(line);

  await bar.save();
  await expect(app.status).toHaveText('Saved “Old PC”.');

  // The real handler wrote a real file in the userData directory.
  const saves = requests().filter((r) => r.channel === 'profiles:save');
  expect(saves).toHaveLength(1);
  const saved = saves[0]?.result;
  if (!saved?.ok) throw new Error(`profiles:save failed: ${JSON.stringify(saved)}`);
  const { id } = saved.value as { id: string };
  expect(await readdir(backend.paths.profiles)).toEqual([`${id}.json`]);
  const onDisk = JSON.parse(await readFile(join(backend.paths.profiles, `${id}.json`), 'utf8')) as {
    profile: { hostname: string; timezone: string; packages: string[]; interfaces: Array<{ name: string; ipv4: { address?: string } }> };
  };
  expect(onDisk.profile.hostname).toBe(HOSTNAME);
  expect(onDisk.profile.timezone).toBe(ZONE);
  expect(onDisk.profile.packages).toEqual(['htop', 'nftables', PACKAGE]);
  expect(onDisk.profile.interfaces[1]).toMatchObject({ name: 'eth1', ipv4: { address: LAN_ADDRESS } });

  // Act: Cairn restarts (a new main process over the same files) and the window reloads.
  await restartBackend();
  await app.reload();
  await expect(bar.saveState).toHaveText('Not saved yet');
  await expect(bar.name).not.toHaveValue('Old PC');

  // Assert: the profile is listed and opens with the same values.
  const dialog = await bar.openDialog();
  expect(await bar.savedNames(dialog)).toEqual(['Old PC']);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await bar.openProfile('Old PC');
  await expect(bar.saveState).toHaveText('Saved');
  expect(await wizard.preview()).toBe(preview);
  const hostnameStep = await wizard.goToStep('Hostname');
  await expect(hostnameStep.getByRole('textbox', { name: 'Hostname' })).toHaveValue(HOSTNAME);
  await wizard.goToStep('Network');
  await expect(wizard.interfaceCard('eth1').getByRole('textbox', { name: 'IPv4 address' })).toHaveValue(LAN_ADDRESS);
  const zoneStep = await wizard.goToStep('Time zone');
  await expect(zoneStep.getByRole('combobox', { name: 'Time zone' })).toHaveAccessibleDescription(new RegExp(`^Chosen: ${ZONE}\\.`));
  const profileCalls = requests().filter((r) => r.channel.startsWith('profiles:'));
  expect(profileCalls.map((r) => r.channel)).toEqual(['profiles:save', 'profiles:list', 'profiles:list', 'profiles:get']);
  expect(profileCalls[3]?.payload).toEqual({ id });
});
