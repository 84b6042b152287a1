import { describe, expect, it } from 'vitest';
import { appDataDir, dataDirFrom } from './data-dir';

describe("the desktop app's data folder", () => {
  it('is $XDG_CONFIG_HOME/Cairn on Linux, or ~/.config/Cairn', () => {
    expect(appDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/jo')).toBe('/cfg/Cairn');
    expect(appDataDir({}, 'linux', '/home/jo')).toBe('/home/jo/.config/Cairn');
    expect(appDataDir({ XDG_CONFIG_HOME: 'relative' }, 'linux', '/home/jo')).toBe('/home/jo/.config/Cairn');
  });

  it('is under Application Support on macOS and APPDATA on Windows', () => {
    expect(appDataDir({}, 'darwin', '/Users/jo')).toBe('/Users/jo/Library/Application Support/Cairn');
    expect(appDataDir({ APPDATA: '/appdata' }, 'win32', '/home/jo')).toBe('/appdata/Cairn');
  });

  it('gives way to --data, relative to the working folder', () => {
    expect(dataDirFrom('/tmp/d', {}, 'linux', '/home/jo')).toBe('/tmp/d');
    expect(dataDirFrom('d', {}, 'linux', '/home/jo')).toBe(`${process.cwd()}/d`);
  });
});
