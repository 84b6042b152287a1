import { createContext, useCallback, useContext, useEffect, useEffectEvent, useMemo, useRef, useState, type ReactNode } from 'react';
import type { CairnClient } from '../../../shared/api/client';
import type { MenuCommand } from '../../../shared/api/events';
import { useAppStore } from '../store/store-context';

interface Pending {
  command: MenuCommand;
  seq: number;
}

interface MenuCommands {
  pending: Pending | null;
  /** True the first time a command is taken; a remount (or StrictMode's double effect) cannot run it twice. */
  take: (seq: number) => boolean;
  /** Carries out a command as if it came from the menu (the start page's ways in use it). */
  issue: (command: MenuCommand) => void;
}

const MenuCommandContext = createContext<MenuCommands>({ pending: null, take: () => false, issue: () => {} });

/**
 * Turns the native menu's `menu.command` events into the wizard's own
 * actions. The wizard may not be on screen when one arrives, so the command
 * waits here until the part that owns it has mounted and takes it.
 */
export function MenuCommandProvider({ client, children }: { client: CairnClient | null; children: ReactNode }) {
  const [pending, setPending] = useState<Pending | null>(null);
  const taken = useRef(0);
  const setScreen = useAppStore((s) => s.ui.setScreen);
  const issue = useCallback(
    (command: MenuCommand) => {
      if (command === 'app.start') {
        setScreen('start');
        return;
      }
      setScreen('wizard');
      setPending((p) => ({ command, seq: (p?.seq ?? 0) + 1 }));
    },
    [setScreen],
  );
  useEffect(() => {
    if (client === null) return undefined;
    return client.on('menu.command', ({ command }) => issue(command));
  }, [client, issue]);
  const take = useCallback((seq: number) => {
    if (seq <= taken.current) return false;
    taken.current = seq;
    return true;
  }, []);
  const value = useMemo(() => ({ pending, take, issue }), [pending, take, issue]);
  return <MenuCommandContext.Provider value={value}>{children}</MenuCommandContext.Provider>;
}

/** Runs `run` once for each menu command in `commands`, in the component that owns those actions. */
export function useMenuCommand(commands: readonly MenuCommand[], run: (command: MenuCommand) => void): void {
  const { pending, take } = useContext(MenuCommandContext);
  const handle = useEffectEvent((p: Pending) => {
    if (commands.includes(p.command) && take(p.seq)) run(p.command);
  });
  useEffect(() => {
    if (pending !== null) handle(pending);
  }, [pending]);
}

/** Carries out a menu command from inside the window, as the native menu would. */
export function useIssueCommand(): (command: MenuCommand) => void {
  return useContext(MenuCommandContext).issue;
}
