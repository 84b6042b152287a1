import type { ApiError, ErrorCode } from './result';

/** One plain sentence per error code: what happened and what the person can do. */
export const ERROR_SENTENCES: Record<ErrorCode, string> = {
  'invalid-input': 'Some of the values entered are not valid; correct the highlighted field and try again.',
  'not-found': 'That item no longer exists; it may have been removed. Refresh the list and pick it again.',
  'corrupt-store': 'A saved file was damaged and has been moved aside so Cairn can keep working; the rest of your data is unaffected.',
  'newer-format': 'This file was saved by a newer version of Cairn; update Cairn to open it.',
  'io-failed': 'Cairn could not read or write a file on this computer; check the disk has space and the folder is writable.',
  'host-key-unknown': 'This host has not been seen before; compare its key fingerprint with the one on the machine before trusting it.',
  'host-key-changed':
    'The host presented a different key than last time; this can mean the machine was reinstalled or that someone is intercepting the connection. Check the machine before trusting the new key.',
  'auth-failed': 'The machine refused the login; check the user name, password or key for this target.',
  unreachable: 'Cairn could not reach the machine; check it is switched on, the address and port are right and SSH is running on it.',
  timeout: 'The machine stopped answering in time; check the network and try again.',
  cancelled: 'The operation was cancelled.',
  'invalid-profile': 'The profile has errors; fix the fields marked in the wizard before running it.',
  'secrets-unavailable': 'This computer offers no secure storage for passwords, so they are kept only until Cairn closes.',
  'confirmation-mismatch': 'The disks confirmed do not match the disks the plan erases, so nothing was sent; review the plan and type the disk names again.',
  'preflight-refused': 'The box is not ready for this profile, so nothing was changed; fix what the check found and run again.',
  'key-unreadable': 'Cairn could not read the private key file of this target; check its path and passphrase in Targets.',
  'connection-lost': 'The connection to the box was lost and could not be restored; check the box is still running and run again.',
  'idle-timeout': 'A step printed nothing for too long and was stopped; check the box, then run again.',
  'upload-mismatch': 'A file sent to the box arrived damaged; check the box has free space in /tmp and run again.',
  'remote-failed': 'A command on the box failed; read the log for its message, fix the cause and run again.',
  'step-failed': 'A step of the install failed, so the steps after it were skipped; read the log, fix the cause and run again.',
  'output-error': 'The installer printed an error although it reported success, so the box differs from the profile; read the findings and fix the profile.',
  'prompt-loop': 'The installer kept asking the same question nobody can answer, so it was stopped; fix the value it asked about in the profile.',
  interrupted: 'Cairn stopped while this run was going, so its end is unknown; check the box, then run the profile again.',
  'unsaved-changes': 'This box runs from RAM and has changes not saved with lbu commit; save them first, or go ahead knowing they will be lost.',
  'lbu-not-configured': 'The box has nowhere for lbu to save its configuration; run setup-lbu there to choose the media, then try again.',
  'unexpected-output': 'The box answered in a way Cairn cannot read; check that it is an Alpine box and try again.',
  internal: 'Something went wrong inside Cairn; details were written to its log file.',
};

export const errorSentence = (code: ErrorCode): string => ERROR_SENTENCES[code];

/** What the UI shows for a failed request: the main process's own sentence when it gave one. */
export const describeError = (error: ApiError): string => (error.message.trim() === '' ? errorSentence(error.code) : error.message);
