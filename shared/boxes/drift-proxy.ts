import { values } from '../profile';
import { fixStep, lineDiff, row, type Drift, type DriftInput } from './drift-core';

/** A proxy URL with its password hidden, for showing. */
export const shownUrl = (url: string): string => url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/:@\s]*):[^/@\s]*@/i, '$1:•••@');

/**
 * setup-proxy writes /etc/profile.d/proxy.sh (http_proxy, https_proxy,
 * ftp_proxy) and removes it for "none", which is what a profile without a
 * proxy asks for.
 */
export function proxyDrift({ profile, config }: DriftInput): Drift[] {
  const want = profile.proxy ?? 'none';
  const have = config.proxy ?? 'none';
  if (want === have) return [];
  const line = (url: string) => (url === 'none' ? [] : [`export http_proxy=${shownUrl(url)}`]);
  const safe = want === 'none' || values.isUrl(want, ['http', 'https', 'ftp']);
  return [
    row({
      field: 'proxy',
      item: null,
      expected: want === 'none' ? 'no proxy' : shownUrl(want),
      actual: have === 'none' ? 'no proxy (/etc/profile.d/proxy.sh)' : shownUrl(have),
      diff: lineDiff(line(want), line(have)),
      fix: safe ? fixStep('proxy', 'proxy', want === 'none' ? 'Remove the proxy setting' : `Set the proxy to ${shownUrl(want)}`, ['setup-proxy', '-q', want]) : null,
    }),
  ];
}
