import { ok } from '../../shared/api/result';
import type { Finder } from '../discover/finder';
import type { DomainHandlers } from './types';

export const discoverHandlers = (finder: Finder): DomainHandlers<'discover'> => ({
  'discover:networks': async () => finder.networks(),
  'discover:scan': (request) => finder.scan(request),
  'discover:cancel': async ({ scanId }) => ok(finder.cancel(scanId)),
});
