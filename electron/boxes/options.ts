import { hostLabel } from '../ssh/errors';
import type { SshConnection } from '../ssh/connect';

/** Where output goes: the box's stdout and stderr as they come, and lines Cairn writes itself for the run log. */
export type OutputStream = 'stdout' | 'stderr' | 'cairn';

/** What every box action takes, so the runner can wrap any of them as a run. */
export interface BoxCallOptions {
  onOutput?: (text: string, stream: OutputStream) => void;
  signal?: AbortSignal;
  /** `doas`: the login is not root, so commands run through doas (default root). */
  privilege?: 'root' | 'doas';
  /**
   * doas asks this login for its password on a terminal: the password from
   * the keychain when one is kept (typed only when asked), else null, and
   * commands that need root are refused with where to enter it.
   */
  doasPassword?: string | null;
  /** How messages name the box (the target's name); default host:port. */
  label?: string;
}

export const labelOf = (conn: SshConnection, options: BoxCallOptions): string => options.label ?? hostLabel(conn.host, conn.port);
