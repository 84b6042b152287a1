import { describe, expect, it } from 'vitest';
import { finalRunStatusSchema, runStatusSchema, runStepStatusSchema } from '../api/runs';
import { FINAL_RUN_STATUSES, RUN_STATUSES, STEP_STATUSES, isDone, isFinalRunStatus, isStepEnded, needsRetry } from './statuses';

describe('run and step statuses', () => {
  it('are the ones the contract accepts', () => {
    expect(runStatusSchema.options).toEqual([...RUN_STATUSES]);
    expect(finalRunStatusSchema.options).toEqual([...FINAL_RUN_STATUSES]);
    expect(runStepStatusSchema.options).toEqual([...STEP_STATUSES]);
    expect(finalRunStatusSchema.safeParse('running').success).toBe(false);
  });

  it('put every ended run either among the done or among those "Retry failed" starts again, never both', () => {
    for (const status of FINAL_RUN_STATUSES) expect(Number(isDone(status)) + Number(needsRetry(status))).toBe(1);
    expect(FINAL_RUN_STATUSES.filter(isDone)).toEqual(['succeeded', 'warned']);
    expect(FINAL_RUN_STATUSES.filter(needsRetry)).toEqual(['failed', 'refused', 'cancelled', 'interrupted']);
  });

  it('count a run as finished only once it ended: not while running, nor while the window has it queued', () => {
    expect(RUN_STATUSES.filter(isFinalRunStatus)).toEqual([...FINAL_RUN_STATUSES]);
    expect(isFinalRunStatus('queued')).toBe(false);
    expect(needsRetry('running')).toBe(false);
  });

  it('count a step towards progress once it will not move again', () => {
    expect(STEP_STATUSES.filter((s) => !isStepEnded(s))).toEqual(['pending', 'running']);
  });
});
