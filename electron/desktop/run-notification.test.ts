import { describe, expect, it } from 'vitest';
import type { FinalStatus } from '../runs';
import { fleetNotification } from './run-notification';

const fleet = (...runs: Array<[string, FinalStatus]>) => ({
  type: 'fleet.done' as const,
  fleetId: 'fleet-1',
  profileName: 'Old PC',
  runs: runs.map(([targetName, status], i) => ({ runId: `run-${i}`, targetId: `t-${i}`, targetName, status })),
});

describe('the notification when a fleet ends', () => {
  it('names the box and the outcome of a single run, with what to do next', () => {
    expect(fleetNotification(fleet(['garage', 'succeeded']))).toEqual({ title: 'Install on garage succeeded', body: '“Old PC” on garage succeeded. The box is ready.' });
    expect(fleetNotification(fleet(['garage', 'warned']))).toEqual({
      title: 'Install on garage finished with warnings',
      body: '“Old PC” on garage finished with warnings. Open Cairn to read the findings: the box may differ from the profile.',
    });
    expect(fleetNotification(fleet(['garage', 'refused'])).body).toContain('Nothing was changed on the box');
  });

  it('counts a fleet by outcome and names the boxes that need attention', () => {
    expect(fleetNotification(fleet(['a', 'succeeded'], ['b', 'failed'], ['c', 'succeeded'], ['d', 'cancelled']))).toEqual({
      title: 'Install on 4 targets: some need attention',
      body: '“Old PC”: 2 succeeded, 1 failed (b), 1 was cancelled (d). Open Cairn to see where it stopped.',
    });
    expect(fleetNotification(fleet(['a', 'succeeded'], ['b', 'succeeded'])).title).toBe('Install on 2 targets succeeded');
    expect(fleetNotification(fleet(['a', 'succeeded'], ['b', 'warned'])).title).toBe('Install on 2 targets: some with warnings');
  });
});
