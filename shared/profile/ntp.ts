import type { Report } from './problems';
import type { Profile } from './schema';

export function checkNtp(p: Profile, report: Report): void {
  if (p.ntp === 'none') report('ntp', 'Without an NTP client the clock drifts; old PCs and boards without a battery may boot with a wrong date and fail TLS.', 'warning');
}
