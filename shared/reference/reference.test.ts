import { describe, expect, it } from 'vitest';
import { isKnownKeymap, isKnownTimezone, keymapLayouts, keymapVariants, packageCatalogue, serviceOrigins, suggestPackages } from '.';

describe('reference catalogues', () => {
  it('knows the keymaps kbd-bkeymaps installs, and not the familiar names it lacks', () => {
    expect(keymapLayouts()).toHaveLength(83);
    expect(isKnownKeymap('us', 'us-intl')).toBe(true);
    expect(isKnownKeymap('de', 'de-nodeadkeys')).toBe(true);
    expect(isKnownKeymap('ch', 'ch-de')).toBe(false);
    expect(isKnownKeymap('da', 'dk')).toBe(false);
    expect(keymapVariants('au')).toEqual([]);
    expect(keymapVariants('constructor')).toEqual([]);
  });

  it('knows IANA time zones including backward links', () => {
    expect(isKnownTimezone('Europe/Berlin')).toBe(true);
    expect(isKnownTimezone('UTC')).toBe(true);
    expect(isKnownTimezone('Mars/Base')).toBe(false);
  });

  it('maps services to the packages that ship them', () => {
    expect(serviceOrigins('sshd')).toEqual(['openssh']);
    expect(serviceOrigins('crond')).toContain('busybox');
    expect(serviceOrigins('toString')).toEqual([]);
  });

  it('suggests an exact match first, then shorter names by prefix, then names containing the query', () => {
    expect(packageCatalogue().length).toBeGreaterThan(9000);
    expect(suggestPackages('nginx', 1).map((p) => p.name)).toEqual(['nginx']);
    expect(suggestPackages('ngin', 1).map((p) => p.name)).toEqual(['nginx']);
    const s = suggestPackages('ssh', 200).map((p) => p.name);
    const firstContaining = s.findIndex((n) => !n.startsWith('ssh'));
    expect(firstContaining).toBeGreaterThan(0);
    expect(s.slice(firstContaining).every((n) => !n.startsWith('ssh') && n.includes('ssh'))).toBe(true);
    expect(s).toContain('openssh');
    expect(suggestPackages('  ')).toEqual([]);
    expect(suggestPackages('docker').find((p) => p.name === 'docker')?.repo).toBe('community');
  });
});
