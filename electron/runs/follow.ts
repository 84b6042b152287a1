import { exec, type ExecOptions, type SshError } from '../ssh';
import { execAsRoot, type Elevation } from '../ssh/doas';
import { hostLabel } from '../ssh/errors';
import { uploadFailure, type UploadPlan } from '../ssh/upload';
import { MARK, followCommand, launchCommand, startCommand, startedBefore, type DetachedFiles } from './detached';
import type { Session } from './session';

export type FollowOutcome = { exitCode: number } | { missing: true };

export interface FollowOptions {
  /** The command to start first; without it the step is already running. */
  launch?: string;
  /** Bytes of the log already received (where to resume). */
  offset?: number;
  onData: (chunk: Buffer) => void;
  signal?: AbortSignal;
  /** Called after each reconnect, with the byte it resumes from. */
  onReconnect?: (offset: number) => void;
  /** doas asks for a password: the launch goes through doas on a terminal, the following as the login. */
  elevation?: Elevation;
  /** A file the step needs, sent and placed on the launch's own channel (not with `elevation`: that launch has a terminal, not stdin). */
  upload?: UploadPlan;
}

export type FollowResult = { ok: true; value: FollowOutcome } | { ok: false; error: SshError; offset: number };

const failed = (stderr: string, exitCode: number | null, what: string, offset: number): FollowResult => {
  const why = stderr.trim() || `exit code ${exitCode}`;
  return { ok: false, offset, error: { code: 'remote-failed', exitCode, stderr: why, message: `${what} on the box failed (${why}).` } };
};

/** How long a cancelled start through doas may still finish before it is cut short. */
const START_GRACE_MS = 20_000;

/**
 * A cancel does not cut a start through doas short at once: the login
 * cannot signal what already runs as root, so a start cut mid-way could
 * still launch the step after the stop looked for it. Letting the start
 * finish (it returns as soon as the step is launched) leaves one state:
 * launched, then stopped like any step. Only a start still hanging after
 * the grace period is cut.
 */
function startGrace(cancel: AbortSignal | undefined): { signal: AbortSignal; dispose: () => void } {
  const graced = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const onCancel = () => (timer = setTimeout(() => graced.abort(cancel?.reason), START_GRACE_MS));
  if (cancel?.aborted) onCancel();
  else cancel?.addEventListener('abort', onCancel, { once: true });
  return {
    signal: graced.signal,
    dispose: () => {
      clearTimeout(timer);
      cancel?.removeEventListener('abort', onCancel);
    },
  };
}

/**
 * Starts a detached step (with `launch`) and follows its log until it ends.
 * A dropped connection is not the end: the session reconnects and following
 * resumes from the last byte received, so the local copy matches the box's
 * log byte for byte; a launch cut short is never repeated once it happened.
 */
export async function follow(session: Session, files: DetachedFiles, options: FollowOptions): Promise<FollowResult> {
  let offset = options.offset ?? 0;
  let launch = options.launch ?? null;
  let attempts = 0;
  let odd = 0;
  for (;;) {
    const live = await session.live(options.signal);
    if (!live.ok) return { ok: false, error: live.error, offset };
    if (attempts++ > 0) {
      options.onReconnect?.(offset);
      if (launch !== null) {
        const before = await startedBefore(live.value, files);
        if (!before.ok && before.error.code === 'connection-lost') continue;
        if (!before.ok) return { ok: false, error: before.error, offset };
        if (before.value) launch = null;
      }
    }
    let stderr = '';
    const run: ExecOptions = {
      signal: options.signal,
      // The log is handed on as it comes; keeping a copy would only cost memory.
      keepBytes: 0,
      onStdout: (chunk) => {
        offset += chunk.length;
        options.onData(chunk);
      },
      onStderr: (chunk) => {
        if (stderr.length < 4096) stderr += chunk.toString('latin1');
      },
    };
    if (launch !== null && options.elevation) {
      // Through doas on a terminal the launch only starts the step; it is followed below on a plain channel, as the login.
      // Bounded: starting returns at once once doas lets it in, and a start that hangs must end with a reason.
      const grace = startGrace(options.signal);
      const started = await execAsRoot(live.value, startCommand(launch, files), options.elevation.doasPassword, { ...run, signal: grace.signal, timeoutMs: 120_000 });
      grace.dispose();
      if (stderr.includes(MARK.launched)) launch = null;
      if (!started.ok) {
        if (started.error.code === 'connection-lost') continue;
        return { ok: false, error: started.error, offset };
      }
      if (launch !== null) return failed(stderr, started.value.exitCode, 'Starting the step', offset);
      stderr = '';
    }
    const place = launch !== null && !options.elevation ? options.upload : undefined;
    const command = launch === null ? followCommand(files, offset) : launchCommand(launch, files, place?.command);
    const result = await exec(live.value, command, place ? { ...run, stdin: place.data } : run);
    if (stderr.includes(MARK.launched)) launch = null;
    if (!result.ok) {
      if (result.error.code === 'connection-lost') continue;
      return { ok: false, error: result.error, offset };
    }
    if (launch !== null && place) {
      const refused = uploadRefusal(stderr, place, hostLabel(live.value.host, live.value.port));
      if (refused) return { ok: false, error: refused, offset };
    }
    if (launch !== null) return failed(stderr, result.value.exitCode, 'Starting the step', offset);
    if (stderr.includes(MARK.missing)) return { ok: true, value: { missing: true } };
    const code = new RegExp(`${MARK.exit}(\\d+)`).exec(stderr)?.[1];
    if (code !== undefined) return { ok: true, value: { exitCode: Number(code) } };
    // The follower was killed on the box, or the channel ended oddly: ask again from here, a few times.
    if (options.signal?.aborted || ++odd >= 3) return failed(stderr, result.value.exitCode, 'Following the output', offset);
  }
}

/** The upload's refusal the launch reported after its marker (exit code, then the sum it printed), or null. */
function uploadRefusal(stderr: string, place: UploadPlan, where: string): SshError | null {
  const at = stderr.indexOf(MARK.upload);
  if (at === -1) return null;
  const end = stderr.indexOf('\n', at);
  const [code, sum = ''] = stderr.slice(at + MARK.upload.length, end === -1 ? undefined : end).split(' ');
  const said = (stderr.slice(0, at) + (end === -1 ? '' : stderr.slice(end + 1))).trim();
  return uploadFailure(place, where, Number(code), sum.trim(), said);
}
