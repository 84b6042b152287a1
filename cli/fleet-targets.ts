import { homedir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { targetSchema, type Target } from '../shared/api/targets';
import type { BatchProblem, BatchRow } from '../shared/batch/batch';
import { rowTargets } from '../electron/runs/batch-targets';
import type { SshConfigSource } from '../electron/store/ssh-config-import';
import { contentId, type Backend } from './backend';

export interface RowLogin {
  /** --key FILE: for the rows that name no key of their own. */
  keyFile?: string | undefined;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  sshConfig: SshConfigSource;
}

/** ~/.ssh/config of the HOME the command runs with: the one the backend reads too. */
export function sshConfigOf(env: NodeJS.ProcessEnv): SshConfigSource {
  const home = env.HOME ?? homedir();
  let localUser = 'root';
  try {
    localUser = userInfo().username;
  } catch {
    // No passwd entry (a container): ssh would say root too.
  }
  return { path: join(home, '.ssh', 'config'), homeDir: home, localUser };
}

/** Where a new row target is reached: the same id each time, so its runs are found together (as cairn push names user@host). */
const idOf = (t: Omit<Target, 'id'>) => contentId('host', `${t.user}@${t.host}:${t.port}${(t.jump ?? []).map((j) => ` via ${j.user}@${j.host}:${j.port}`).join('')}`);

/**
 * The rows' boxes, found as the app's batch finds them (rowTargets: a saved
 * target, user@host[:port] or a ~/.ssh/config alias), made known to the
 * services for this command only, as cairn push treats user@host: never
 * saved. A row without a key of its own logs in with --key FILE, else the
 * SSH agent. Returns each row's target, for trusting host keys, and the
 * problems only the command line has; the rows the app cannot read are left
 * to runs:check-batch, which names them.
 */
export async function useRowTargets(backend: Backend, rows: readonly BatchRow[], login: RowLogin): Promise<{ targets: Target[]; problems: BatchProblem[] }> {
  const resolved = await rowTargets(rows, await backend.savedTargets(), login.sshConfig);
  const problems: BatchProblem[] = [];
  const targets: Target[] = [];
  const agent = (login.env.SSH_AUTH_SOCK ?? '') !== '' || login.platform === 'win32';
  for (const [n, row] of resolved.targets.entries()) {
    const problem = (message: string) => problems.push({ row: n + 2, column: 'target', message });
    if (resolved.problems.some((p) => p.row === n + 2) || (rows[n]?.target.trim() ?? '') === '') continue;
    let target: Target;
    if ('saved' in row) target = row.saved;
    else {
      const { id: _none, ...draft } = row.draft;
      const ownKey = draft.auth !== 'agent';
      if (!ownKey && login.keyFile === undefined && !agent) {
        problem(
          `${draft.name}: give --key FILE (your private key), or start ssh-agent with your key loaded; the cairn command logs in to rows without a key of their own with one of them.`,
        );
        continue;
      }
      const withKey = ownKey || login.keyFile === undefined ? draft : { ...draft, auth: 'key' as const, keyPath: resolve(login.keyFile) };
      const checked = targetSchema.safeParse({ ...withKey, id: idOf(withKey) });
      if (!checked.success) {
        problem(checked.error.issues[0]?.message ?? 'This is not a box Cairn can log in to.');
        continue;
      }
      target = checked.data;
      backend.addTarget(target);
    }
    // Kept in memory for this command only, as the app keeps them on a computer without a keyring.
    const { CAIRN_KEY_PASSPHRASE: passphrase = '', CAIRN_PASSWORD: password = '' } = login.env;
    if (target.auth === 'key' && passphrase !== '') await backend.setSecret(target.id, 'passphrase', passphrase);
    if ((target.auth === 'password' || target.auth === 'keyboard-interactive') && password !== '') await backend.setSecret(target.id, 'password', password);
    targets.push(target);
  }
  return { targets, problems };
}
