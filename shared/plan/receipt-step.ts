import { makeReceipt, receiptText, writeReceipt, RECEIPT_PATH } from '../boxes/receipt';
import type { Profile } from '../profile';
import { asRoot } from './privilege';
import type { Step, TargetFacts } from './step';

/** What the plan needs to leave a receipt: the saved profile's id (null for a profile that is not saved, like a file pushed from the CLI). */
export interface ReceiptPlan {
  profileId: string | null;
  /** When the install ran; default now (the plan is made right before its steps run). */
  at?: Date;
}

/** Steps that come after the receipt: setup-disk copies the running system (receipt included), lbu commit saves it, reboot ends the session. */
const AFTER = new Set(['disk', 'lbu-commit', 'reboot']);

/**
 * Adds the step that writes /etc/cairn/receipt.json: the profile (every
 * secret taken out), its id and name, Cairn's version, the time and the
 * steps of the install. It runs last of the steps that change the running
 * system, so it is written only when they all succeeded, and before
 * setup-disk and lbu commit, which carry it into the installed or saved
 * system. The receipt travels on stdin through the same quoting as every step.
 */
export function withReceipt(steps: Step[], profile: Profile, facts: TargetFacts, receipt: ReceiptPlan | undefined): Step[] {
  if (receipt === undefined) return steps;
  const at = steps.findIndex((s) => AFTER.has(s.id));
  const cut = at < 0 ? steps.length : at;
  const applied = steps.filter((s) => s.id !== 'cleanup' && s.id !== 'reboot').map((s) => s.id);
  const text = receiptText(makeReceipt({ kind: 'install', profile, profileId: receipt.profileId, at: receipt.at ?? new Date(), applied }));
  const step: Step = {
    id: 'receipt',
    title: `Leave a receipt on the box (${RECEIPT_PATH})`,
    command: asRoot(writeReceipt(), facts),
    stdin: text,
    destructive: false,
    erases: [],
    duration: 'instant',
  };
  return [...steps.slice(0, cut), step, ...steps.slice(cut)];
}
