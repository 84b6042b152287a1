import type { ErrorCodeSubset, HostKeyDetails } from '../../shared/api/result';
import type { Finding, PreflightFacts, PreflightProblem, Progress } from '../../shared/runs';
import type { BoxErrorCode } from '../boxes/errors';

export type { RunStatus, StepStatus } from '../../shared/runs/statuses';
import type { RunStatus, StepStatus } from '../../shared/runs/statuses';

/**
 * Every way a run can end badly: a part of the contract's closed list. The
 * SSH codes keep their meaning from electron/ssh, and a box action (a run
 * too, see boxes/box-run.ts) keeps the boxes' own codes.
 */
export type RunErrorCode = ErrorCodeSubset<
  BoxErrorCode | 'invalid-profile' | 'confirmation-mismatch' | 'preflight-refused' | 'step-failed' | 'output-error' | 'prompt-loop' | 'interrupted' | 'internal'
>;

export interface RunError {
  code: RunErrorCode;
  /** A plain sentence: what happened and what to do. */
  message: string;
  /** The step it happened in; null before the plan started. */
  stepId: string | null;
  /** A refused host key: the presented key and the expected one, so the window can compare and trust it where the run shows. */
  details?: HostKeyDetails;
}

/** Which run an event belongs to. One run is one target; a fleet groups runs started together. */
export interface RunRef {
  runId: string;
  fleetId: string | null;
  targetId: string;
}

/** New output of the run (stdout and stderr as they came), at most 30 events a second per run. */
export interface RunOutputEvent extends RunRef {
  type: 'run.output';
  text: string;
}

/** A step changed status; `preflight` is the first step of every run. */
export interface RunStepEvent extends RunRef {
  type: 'run.step';
  stepId: string;
  title: string;
  status: StepStatus;
  exitCode: number | null;
  findings: Finding[];
  error: RunError | null;
  /** A retry's skipped step: the run (this id) that completed it. */
  doneIn?: string;
}

/** setup-alpine entered a new section. */
export interface RunProgressEvent extends RunRef {
  type: 'run.progress';
  stepId: string;
  progress: Progress;
}

/** What preflight read on the box and what it found. */
export interface RunPreflightEvent extends RunRef {
  type: 'run.preflight';
  facts: PreflightFacts | null;
  problems: PreflightProblem[];
}

/** The run ended; nothing more comes for this runId. */
export interface RunDoneEvent extends RunRef {
  type: 'run.done';
  status: Exclude<RunStatus, 'running'>;
  error: RunError | null;
  findings: Finding[];
}

export type RunEvent = RunOutputEvent | RunStepEvent | RunProgressEvent | RunPreflightEvent | RunDoneEvent;

export type RunEventSink = (event: RunEvent) => void;
