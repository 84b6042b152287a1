import { err, ok } from '../../shared/api/result';
import {
  LBU_DIFF,
  LBU_STATUS,
  checkMedia,
  lbuCommitCommand,
  lbuListBackupCommand,
  lbuProblem,
  parseLbuDiffFiles,
  parseLbuListBackup,
  parseLbuStatus,
  type LbuBackup,
  type LbuChange,
  type Parts,
} from '../../shared/boxes';
import type { SshConnection } from '../ssh/connect';
import type { ExecOutcome } from '../ssh/exec';
import type { BoxResult } from './errors';
import { labelOf, type BoxCallOptions } from './options';
import { invalid, runOnBox, type RunOptions } from './run-on-box';

export interface LbuOptions extends BoxCallOptions {
  /** The media to use instead of LBU_MEDIA (a folder name in /media, like usb). */
  media?: string;
}

/**
 * Runs an lbu subcommand and tells "lbu has nowhere to save" apart from a
 * real failure: lbu prints its usage then, and for status and diff even
 * exits 0.
 */
async function runLbu(conn: SshConnection, parts: Parts, what: string, options: RunOptions): Promise<BoxResult<ExecOutcome>> {
  const ran = await runOnBox(conn, parts, what, options);
  const output = ran.ok ? ran.value.stdout + ran.value.stderr : ran.error.code === 'remote-failed' ? ran.error.stderr : '';
  const problem = lbuProblem(output);
  const box = labelOf(conn, options);
  if (problem === 'not-configured')
    return err({
      code: 'lbu-not-configured',
      message: `lbu on ${box} has no media to save to: run setup-lbu there (or set LBU_MEDIA in /etc/lbu/lbu.conf), or name the media.`,
    });
  if (problem === 'missing')
    return err({ code: 'lbu-not-configured', message: `${box} has no lbu: it is part of alpine-conf, which every Alpine box has; is this an Alpine box?` });
  return ran;
}

/** Files changed since the last lbu commit: what a reboot of a diskless box would lose. */
export async function lbuStatus(conn: SshConnection, options: LbuOptions = {}): Promise<BoxResult<LbuChange[]>> {
  const { onOutput: _quiet, ...rest } = options;
  const problem = checkMedia(options.media);
  if (problem) return invalid(problem);
  const parts = options.media === undefined ? LBU_STATUS : [...LBU_STATUS, options.media];
  const ran = await runLbu(conn, parts, 'lbu status', { ...rest, timeoutMs: 2 * 60_000 });
  return ran.ok ? ok(parseLbuStatus(ran.value.stdout)) : ran;
}

/** The changes as a diff against the last commit, with the files it touches. */
export async function lbuDiff(conn: SshConnection, options: LbuOptions = {}): Promise<BoxResult<{ text: string; files: string[] }>> {
  const { onOutput: _quiet, ...rest } = options;
  const problem = checkMedia(options.media);
  if (problem) return invalid(problem);
  const parts = options.media === undefined ? LBU_DIFF : [...LBU_DIFF, options.media];
  // lbu diff ends with diff -ruN, which exits 1 when there are differences.
  const ran = await runLbu(conn, parts, 'lbu diff', { ...rest, timeoutMs: 2 * 60_000, okExitCodes: [1] });
  return ran.ok ? ok({ text: ran.value.stdout, files: parseLbuDiffFiles(ran.value.stdout) }) : ran;
}

/**
 * Saves the configuration with lbu commit. lbu keeps no message: the message
 * is written to the output (the run's log) before the commit, as data, and
 * never becomes part of the command.
 */
export async function lbuCommit(conn: SshConnection, message: string, options: LbuOptions = {}): Promise<BoxResult<{ message: string; committedAt: string }>> {
  const problem = checkMedia(options.media);
  if (problem) return invalid(problem);
  options.onOutput?.(`lbu commit${options.media ? ` to ${options.media}` : ''}: ${message.trim() === '' ? '(no message)' : message}\n`, 'cairn');
  const ran = await runLbu(conn, lbuCommitCommand(options.media), 'lbu commit', { timeoutMs: 10 * 60_000, ...options });
  return ran.ok ? ok({ message, committedAt: new Date().toISOString() }) : ran;
}

/** Earlier commits kept beside the current overlay, newest first. */
export async function lbuListBackups(conn: SshConnection, options: LbuOptions = {}): Promise<BoxResult<LbuBackup[]>> {
  const { onOutput: _quiet, ...rest } = options;
  const problem = checkMedia(options.media);
  if (problem) return invalid(problem);
  const ran = await runLbu(conn, lbuListBackupCommand(options.media), 'lbu list-backup', { ...rest, timeoutMs: 60_000 });
  return ran.ok ? ok(parseLbuListBackup(ran.value.stdout)) : ran;
}
