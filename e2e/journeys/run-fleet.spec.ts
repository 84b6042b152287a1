import { describeViolations, seriousViolations } from '../pages/accessibility';
import { AppPage } from '../pages/app-page';
import { ProfileBar } from '../pages/profile-bar';
import { RunPage } from '../pages/run-page';
import { installerRuns } from '../target/stand-ins.test-support';
import { expect, seedTarget, test } from './run-fixtures';

const NAMES = ['node-1', 'node-2', 'node-3', 'node-4', 'node-5'];

// Dark, so the failed and succeeded statuses are checked for contrast in the theme the screens journey sees empty.
test.use({ colorScheme: 'dark' });

test('a fleet of five with one failing: four succeed, the fifth shows its error, and "Retry failed" reruns only it', async ({ page, backend, boxes }) => {
  const fleet = await boxes(5);
  const broken = fleet[3];
  if (!broken) throw new Error('Not enough test targets started.');
  await broken.standIns?.control({ 'setup-disk': { mode: 'fail', exitCode: 2, errorLine: 'setup-alpine: the mirror is unreachable' } });
  const app = new AppPage(page);
  const runs = new RunPage(page);
  await app.open(backend.url);
  for (const [i, box] of fleet.entries()) await seedTarget(page, box, NAMES[i] ?? '');
  await new ProfileBar(page).newFromTemplate('Diskless IoT board');
  await new ProfileBar(page).save();

  await app.goToScreen('Runs');
  await runs.start(NAMES);
  await expect(runs.fleetCounts).toHaveText('4 succeeded, 1 failed', { timeout: 45_000 });
  await expect(runs.fleetRow('node-4')).toContainText('Failed');
  await runs.show('node-4');
  await expect(runs.summary).toHaveText(/^The install on node-4 failed: .*Run setup-alpine.* failed with exit code 2: setup-alpine: the mirror is unreachable/);
  await expect(runs.log('node-4')).toContainText('setup-alpine: the mirror is unreachable');
  const violations = await seriousViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);

  // The cause is fixed; only node-4 runs again, in the same fleet.
  await broken.standIns?.control({});
  await runs.retryFailed.click();
  // setup-alpine itself failed on node-4, so nothing was done there that the retry could skip.
  await expect(page.getByTestId('run-resume')).toHaveText(/^Retrying node-4 from the start: reruns all \d+ steps, as none was done before\.$/);
  await expect(runs.fleetCounts).toHaveText('5 succeeded', { timeout: 30_000 });
  await expect(runs.retryFailed).toBeHidden();
  const setupAlpineRuns = await Promise.all(fleet.map(async (b) => installerRuns((await b.standIns?.records()) ?? [])));
  expect(setupAlpineRuns).toEqual([1, 1, 1, 2, 1]);
  await expect(page.getByRole('table', { name: 'All runs, newest first' }).getByRole('rowheader', { name: /^node-4 / })).toHaveCount(2);
});
