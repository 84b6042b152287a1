import type { AuthMethod, JumpHost } from '../api/targets';
import type { Profile } from '../profile';

/** How Ansible reaches one box: the target Cairn would log in to. */
export interface BoxConnection {
  host: string;
  port: number;
  user: string;
  /** Jump hosts in order (Cairn's ProxyJump). */
  jump: readonly JumpHost[];
  auth: AuthMethod;
  /** The private key file, for `auth: 'key'`. */
  keyPath: string | null;
}

/** One box of the export: its own profile (a batch row applied) and how to reach it. */
export interface ExportBox {
  /** Its name in the inventory (the box's hostname). */
  alias: string;
  /** The batch row (as a spreadsheet counts, below the header); null without a batch. */
  row: number | null;
  profile: Profile;
  /** null: no target known, so the inventory reaches the box by its hostname, as root. */
  connection: BoxConnection | null;
}

/** Characters an INI inventory line or an ssh option can hold without quoting. */
export const PLAIN_WORD = /^[A-Za-z0-9._:%+@/-]+$/;

/** A jump host's name or user, as a ProxyCommand holds it unquoted (no %, which ssh reads as a token). */
const HOP_WORD = /^[A-Za-z0-9._:-]+$/;

/** The one jump host the export can write as a ProxyCommand; null when there is none, or more, or one with unusual characters. */
export function plainJump(c: BoxConnection | null): JumpHost | null {
  const hop = c?.jump.length === 1 ? c.jump[0] : undefined;
  return hop !== undefined && HOP_WORD.test(hop.host) && HOP_WORD.test(hop.user) ? hop : null;
}

/** The user Ansible logs in as: the target's, or root (all a fresh Alpine box has). */
export const loginUser = (b: ExportBox): string => b.connection?.user ?? 'root';
