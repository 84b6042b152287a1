import { describe, expect, it } from 'vitest';
import { serviceRisk } from './service-risk';

describe('which service actions ask first', () => {
  it('asks before stopping or restarting what Cairn reaches the box through, naming the consequence', () => {
    expect(serviceRisk('networking', 'stop')).toMatch(/takes down the box's network: Cairn loses the box while it is stopped, so the box starts it again by itself/);
    expect(serviceRisk('sshd', 'restart')).toMatch(/for a moment; if its configuration is broken it does not come back/);
    expect(serviceRisk('nftables', 'stop')).toMatch(/every port of the box is open/);
  });

  it('does not ask for a start, or for a service that cannot cut the box off', () => {
    expect(serviceRisk('networking', 'start')).toBeNull();
    expect(serviceRisk('crond', 'stop')).toBeNull();
    expect(serviceRisk('nginx', 'restart')).toBeNull();
  });
});
