// The window's own storage remembers that the start page was shown: it is
// per computer and per user, like the first-run state of any desktop app.
const KEY = 'cairn.startPageShown';

/** True until the start page has been shown once on this computer. */
export function isFirstRun(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): boolean {
  try {
    return storage?.getItem(KEY) !== '1';
  } catch {
    // Storage refused (a locked-down browser tab): show the start page, it does no harm.
    return true;
  }
}

export function markStartPageShown(storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(KEY, '1');
  } catch {
    // Not remembered: the start page shows again next time, nothing is lost.
  }
}
