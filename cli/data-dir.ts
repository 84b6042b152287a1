import { isAbsolute, join, resolve } from 'node:path';

/**
 * The folder the desktop app keeps its data in, Electron's
 * `app.getPath('userData')`: the platform's application-data folder and the
 * product name (package.json's productName, "Cairn"). The cairn command uses
 * the same one, so it sees the app's targets, known hosts and runs, and the
 * app lists the runs the command made.
 */
export function appDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Cairn');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Cairn');
  const config = env.XDG_CONFIG_HOME;
  // The XDG spec ignores a relative XDG_CONFIG_HOME, as Electron does.
  return join(config !== undefined && isAbsolute(config) ? config : join(home, '.config'), 'Cairn');
}

/** `--data DIR` when given (relative to the working folder), else the app's folder. */
export const dataDirFrom = (given: string | undefined, env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string =>
  given === undefined ? appDataDir(env, platform, home) : resolve(given);
