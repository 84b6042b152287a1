import type { Log } from './log';

/**
 * The sites a link in Cairn may open in the browser: Alpine's own (the wiki,
 * docs and package index the wizard's texts point to) and GitHub (keys URLs
 * such as https://github.com/jane.keys). Exact host names: a subdomain or
 * look-alike is not on the list.
 */
export const EXTERNAL_HOSTS: ReadonlySet<string> = new Set([
  'alpinelinux.org',
  'www.alpinelinux.org',
  'wiki.alpinelinux.org',
  'docs.alpinelinux.org',
  'pkgs.alpinelinux.org',
  'gitlab.alpinelinux.org',
  'github.com',
]);

export type LinkDecision = { open: string } | { refused: string };

/** Whether a link may leave the app for the browser: https, a listed host, no credentials, no port. */
export function externalLinkDecision(url: string): LinkDecision {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { refused: 'it is not a URL' };
  }
  if (parsed.protocol !== 'https:') return { refused: `only https links open in the browser, not ${parsed.protocol}` };
  if (parsed.username !== '' || parsed.password !== '') return { refused: 'it carries a user name or password' };
  if (parsed.port !== '') return { refused: 'it names a port' };
  if (!EXTERNAL_HOSTS.has(parsed.hostname)) return { refused: `${parsed.hostname} is not a site Cairn links to` };
  return { open: parsed.href };
}

/** A URL as the log may show it: no credentials, query or fragment (they can hold tokens), and not too long. */
export function loggableUrl(url: string): string {
  try {
    const { protocol, host, pathname } = new URL(url);
    return `${protocol}//${host}${pathname}`.slice(0, 200);
  } catch {
    return '(not a URL)';
  }
}

export interface LinkDeps {
  openExternal: (url: string) => Promise<void>;
  log: Pick<Log, 'warn'>;
}

/** Opens an allowed link in the browser; logs a refused one. Returns whether it opened. */
export function openExternalLink(url: string, { openExternal, log }: LinkDeps): boolean {
  const decision = externalLinkDecision(url);
  if ('refused' in decision) {
    log.warn(`external link refused (${decision.refused}): ${loggableUrl(url)}`);
    return false;
  }
  openExternal(decision.open).catch((e: unknown) => log.warn(`external link could not be opened: ${loggableUrl(decision.open)}`, e));
  return true;
}

/** The parts of Electron's WebContents that guardWebContents uses. */
export interface GuardedContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
}

/**
 * The page never navigates and never opens a window: both are refused, and a
 * window.open or target=_blank link to an allowed site opens in the browser
 * instead. In-page state changes, not navigation, move between screens.
 */
export function guardWebContents(contents: GuardedContents, deps: LinkDeps): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternalLink(url, deps);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    deps.log.warn(`navigation refused: ${loggableUrl(url)}`);
  });
}
