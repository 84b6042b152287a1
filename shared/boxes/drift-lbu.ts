import { fixStep, lineDiff, row, type Drift, type DriftInput } from './drift-core';

/** LBU_MEDIA as setup-lbu writes it: no trailing slash, and a /media/NAME folder written as NAME. */
export const lbuMediaName = (media: string): string => {
  const name = media.replace(/\/+$/, '');
  return name.startsWith('/media/') ? name.slice('/media/'.length) : name;
};

const MEDIA = /^(LABEL=|UUID=)?[A-Za-z0-9/_.-]+$/;
const DIR = /^\/[A-Za-z0-9/_.=-]*$/;

/**
 * Where lbu saves and where apk caches, for a box that runs from RAM or a
 * data disk: after a sys install setup-alpine skips both, and so does drift.
 */
export function lbuDrift({ profile, facts, config }: DriftInput): Drift[] {
  if (profile.disk.mode === 'sys') return [];
  const out: Drift[] = [];
  const media = profile.diskless.lbuMedia;
  if (media !== null && facts.lbu.media !== lbuMediaName(media)) {
    const want = lbuMediaName(media);
    out.push(
      row({
        field: 'lbu',
        item: null,
        expected: want,
        actual: facts.lbu.media ?? 'no LBU_MEDIA in /etc/lbu/lbu.conf',
        diff: lineDiff([`LBU_MEDIA=${want}`], facts.lbu.media === null ? [] : [`LBU_MEDIA=${facts.lbu.media}`]),
        fix: MEDIA.test(media) ? fixStep('lbu', 'lbu', `Save the configuration to ${want} (setup-lbu)`, ['setup-lbu', media]) : null,
      }),
    );
  }
  const cache = profile.diskless.apkCacheDir;
  const trim = (d: string) => d.replace(/(.)\/+$/, '$1');
  if (cache !== null && (config.apkCache === null || trim(config.apkCache) !== trim(cache))) {
    out.push(
      row({
        field: 'apkcache',
        item: null,
        expected: cache,
        actual: config.apkCache ?? 'no apk cache (/etc/apk/cache is no link)',
        diff: lineDiff([`/etc/apk/cache -> ${cache}`], config.apkCache === null ? [] : [`/etc/apk/cache -> ${config.apkCache}`]),
        fix: DIR.test(cache) ? fixStep('apkcache', 'apkcache', `Cache packages in ${cache} (setup-apkcache)`, ['setup-apkcache', cache]) : null,
      }),
    );
  }
  return out;
}
