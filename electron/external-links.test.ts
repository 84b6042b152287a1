import { describe, expect, it } from 'vitest';
import { externalLinkDecision, guardWebContents, loggableUrl, openExternalLink, type GuardedContents } from './external-links';

function recorder() {
  const opened: string[] = [];
  const warnings: string[] = [];
  const deps = { openExternal: async (url: string) => void opened.push(url), log: { warn: (m: string) => void warnings.push(m) } };
  return { opened, warnings, deps };
}

describe('links that leave the app', () => {
  it.each(['https://wiki.alpinelinux.org/wiki/Alpine_setup_scripts', 'https://github.com/jane.keys', 'https://pkgs.alpinelinux.org/packages?name=openssh'])(
    'opens %s in the browser',
    (url) => {
      const { opened, warnings, deps } = recorder();
      expect(openExternalLink(url, deps)).toBe(true);
      expect(opened).toEqual([url]);
      expect(warnings).toEqual([]);
    },
  );

  it.each([
    ['http://wiki.alpinelinux.org/', /only https/],
    ['file:///etc/passwd', /only https/],
    ['javascript:alert(1)', /only https/],
    ['smb://server/share', /only https/],
    ['https://evil.example/', /evil.example is not a site/],
    ['https://github.com.evil.example/', /is not a site/],
    ['https://alpinelinux.org.evil.example/', /is not a site/],
    ['https://gist.github.com/x', /gist.github.com is not a site/],
    ['https://jane:hunter2@github.com/', /user name or password/],
    ['https://github.com:8443/', /port/],
    ['not a url', /not a URL/],
  ])('refuses %s and logs why', (url, why) => {
    const { opened, warnings, deps } = recorder();
    expect(openExternalLink(url, deps)).toBe(false);
    expect(opened).toEqual([]);
    expect(warnings).toEqual([expect.stringMatching(why)]);
    expect(warnings.join()).not.toContain('hunter2');
  });

  it('hands the browser the parsed URL, not the text it was given', () => {
    expect(externalLinkDecision('https://GitHub.com/jane.keys')).toEqual({ open: 'https://github.com/jane.keys' });
  });

  it('logs a URL without its credentials, query or fragment', () => {
    expect(loggableUrl('https://jane:pw@evil.example/a?token=s3cret#x')).toBe('https://evil.example/a');
  });
});

describe('the window’s web contents', () => {
  function contents() {
    let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
    let navigate: ((event: { preventDefault(): void }, url: string) => void) | undefined;
    const stand: GuardedContents = {
      setWindowOpenHandler: (handler) => void (openHandler = handler),
      on: (_event, listener) => void (navigate = listener),
    };
    return {
      stand,
      open: (url: string) => openHandler?.({ url }),
      navigate: (url: string) => {
        let prevented = false;
        navigate?.({ preventDefault: () => void (prevented = true) }, url);
        return prevented;
      },
    };
  }

  it('denies every new window, sending only an allowed link to the browser', () => {
    const { opened, warnings, deps } = recorder();
    const c = contents();
    guardWebContents(c.stand, deps);
    expect(c.open('https://wiki.alpinelinux.org/wiki/Diskless_Mode')).toEqual({ action: 'deny' });
    expect(c.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://wiki.alpinelinux.org/wiki/Diskless_Mode']);
    expect(warnings).toEqual([expect.stringMatching(/refused.*evil.example/)]);
  });

  it('prevents every navigation away from the page and logs it', () => {
    const { warnings, deps } = recorder();
    const c = contents();
    guardWebContents(c.stand, deps);
    expect(c.navigate('https://github.com/')).toBe(true);
    expect(c.navigate('file:///etc/passwd')).toBe(true);
    expect(warnings).toEqual(['navigation refused: https://github.com/', 'navigation refused: file:///etc/passwd']);
  });
});
