import { err, ok } from '../../shared/api/result';
import { drift, fixInput, fixSteps, makeReceipt, type BoxConfig, type BoxFacts, type Drift, type FixStep } from '../../shared/boxes';
import type { Profile } from '../../shared/profile';
import type { SshConnection } from '../ssh/connect';
import type { BoxResult } from './errors';
import { lbuCommit } from './lbu';
import type { BoxCallOptions } from './options';
import { readBox } from './drift-read';
import { leaveReceipt } from './receipt';
import { runLineOnBox } from './run-on-box';

/**
 * What to compare the box with: a profile (a saved one, with its id), or
 * the profile its receipt records, as it was applied, secrets taken out.
 */
export type DriftAgainst = { profile: Profile; profileId?: string | null; secretsKnown?: boolean } | 'receipt';

export interface DriftReport {
  facts: BoxFacts;
  config: BoxConfig;
  profile: Profile;
  profileId: string | null;
  /** false for a receipt's profile: its secrets were taken out, so they are neither compared nor written. */
  secretsKnown: boolean;
  drift: Drift[];
}

/** How the box differs from a profile, read fresh in one exec. */
export async function checkDrift(conn: SshConnection, against: DriftAgainst, options: BoxCallOptions = {}): Promise<BoxResult<DriftReport>> {
  const read = await readBox(conn, options);
  if (!read.ok) return read;
  const { facts, config } = read.value;
  let chosen: { profile: Profile; profileId: string | null; secretsKnown: boolean };
  if (against === 'receipt') {
    if (config.receipt === null)
      return err({
        code: 'invalid-input',
        field: 'profileId',
        message: `${options.label ?? 'This box'} has no receipt from Cairn (/etc/cairn/receipt.json): compare it with a saved profile instead.`,
      });
    chosen = { profile: config.receipt.profile, profileId: config.receipt.profileId, secretsKnown: false };
  } else {
    chosen = { profile: against.profile, profileId: against.profileId ?? null, secretsKnown: against.secretsKnown ?? true };
  }
  return ok({ facts, config, ...chosen, drift: drift(chosen.profile, facts, config, { secretsKnown: chosen.secretsKnown }) });
}

/** Whether lbu saved what the apply changed: a box that runs from RAM loses it at the next reboot otherwise. */
export interface Saved {
  committed: boolean;
  /** One sentence: saved, or not and why. */
  note: string;
}

export interface Applied {
  /** The fix steps that ran, in order; empty when there was nothing to change. */
  ran: FixStep[];
  /** Guarded steps left for confirm-or-revert (network, DNS, the SSH server). */
  skipped: FixStep[];
  /** What still differs afterwards (what Cairn cannot fix by itself, and the skipped steps' rows). */
  remaining: Drift[];
  /** Whether /etc/cairn/receipt.json was written (only when something ran). */
  receipt: boolean;
  /** null when nothing ran or the box keeps its files on disk. */
  saved: Saved | null;
}

/**
 * Applies guarded steps with confirm-or-revert (guardedFix gives their files)
 * and answers the steps that stayed; given by the service that provides it.
 * It opens its own connections. Without it, guarded steps are skipped and
 * the result says so.
 */
export type ApplyGuarded = (steps: readonly FixStep[], profile: Profile, config: BoxConfig, options: BoxCallOptions) => Promise<BoxResult<FixStep[]>>;

export interface ApplyOptions extends BoxCallOptions {
  applyGuarded?: ApplyGuarded;
  /** When the apply ran, for the receipt (default now). */
  now?: () => Date;
}

// Guarded steps go through confirm-or-revert; one not kept was undone by the box, or is no file change the guard can undo (setup-sshd).
const NOT_YET =
  'it can cut Cairn off from the box, so Cairn applies it only with confirm-or-revert, and it was not kept (undone by the box, or not a change the box can undo by itself)';

/** Saves the changes with lbu on a box that runs from RAM or a data disk, or says why it could not. */
async function save(conn: SshConnection, facts: BoxFacts, options: BoxCallOptions): Promise<BoxResult<Saved | null>> {
  const { media, backupDir, problem } = facts.lbu;
  const configured = media !== null || backupDir !== null;
  // A box whose mounts could not be read is taken as running from RAM only when it has lbu set up.
  if (facts.storage === 'installed' || (facts.storage === 'unknown' && !configured)) return ok(null);
  if (!configured) {
    const why = problem ?? 'lbu has no media to save to (no LBU_MEDIA in /etc/lbu/lbu.conf)';
    return ok({
      committed: false,
      note: `Not saved with lbu commit: ${why.replace(/\.$/, '')}. The changes are lost at the next reboot unless the box is set up to keep them (setup-lbu) and committed.`,
    });
  }
  const committed = await lbuCommit(conn, 'Cairn applied a profile', options);
  if (!committed.ok) return committed;
  return ok({ committed: true, note: 'Saved with lbu commit.' });
}

/**
 * Runs only the steps the box is missing, read fresh from the box, then
 * reads it again, leaves a receipt and, on a box that runs from RAM, saves
 * with lbu commit. Guarded steps go to confirm-or-revert when given, else
 * they are skipped and named. A second apply finds nothing to change and
 * changes nothing (no receipt, no commit).
 */
export async function applyDrift(conn: SshConnection, against: DriftAgainst, options: ApplyOptions = {}): Promise<BoxResult<Applied>> {
  const { applyGuarded, now = () => new Date(), ...call } = options;
  const say = (text: string) => options.onOutput?.(`${text}\n`, 'cairn');
  const before = await checkDrift(conn, against, call);
  if (!before.ok) return before;
  const { profile, profileId } = before.value;
  const steps = fixSteps(before.value.drift);
  const plain = steps.filter((s) => !s.guarded);
  const guarded = steps.filter((s) => s.guarded);

  const ran: FixStep[] = [];
  for (const step of plain) {
    say(step.title);
    const stdin = fixInput(step, profile);
    const result = await runLineOnBox(conn, step.command, step.title, { timeoutMs: 15 * 60_000, ...call, ...(stdin === undefined ? {} : { stdin }) });
    if (!result.ok) return result;
    ran.push(step);
  }
  let skipped = guarded;
  if (guarded.length > 0 && applyGuarded !== undefined) {
    const confirmed = await applyGuarded(guarded, profile, before.value.config, call);
    if (!confirmed.ok) return confirmed;
    ran.push(...confirmed.value);
    const confirmedIds = new Set(confirmed.value.map((s) => s.id));
    skipped = guarded.filter((s) => !confirmedIds.has(s.id));
  }
  for (const s of skipped) say(`Not applied: ${s.title}: ${NOT_YET}.`);

  if (ran.length === 0) {
    say(`Nothing to change: the box already has everything of the profile ${profile.name} that Cairn can apply.`);
    return ok({ ran: [], skipped, remaining: before.value.drift, receipt: false, saved: null });
  }
  const after = await checkDrift(conn, against === 'receipt' ? { profile, profileId, secretsKnown: false } : against, call);
  if (!after.ok) return after;
  const receipt = makeReceipt({
    kind: 'apply',
    profile,
    profileId,
    at: now(),
    applied: ran.map((s) => s.id),
    notApplied: skipped.map((s) => ({ what: s.id, why: NOT_YET })),
    previous: before.value.config.receipt,
  });
  say('Leave a receipt on the box (/etc/cairn/receipt.json)');
  const left = await leaveReceipt(conn, receipt, call);
  if (!left.ok) return left;
  const saved = await save(conn, after.value.facts, call);
  if (!saved.ok) return saved;
  if (saved.value !== null) say(saved.value.note);
  return ok({ ran, skipped, remaining: after.value.drift, receipt: true, saved: saved.value });
}
