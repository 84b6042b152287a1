/**
 * The box actions still going, by run id, so `boxes:cancel` can stop one.
 * The signal aborts the action's connection and its command on the box (exec
 * kills the remote process group), and stopping waits until the action has
 * ended, so Stop is never answered before the run's summary says so.
 */
export class RunningActions {
  private readonly going = new Map<string, { controller: AbortController; over: Promise<void> }>();

  /** Registers a run; `ended` must be called once its run is finished, however it ended. */
  start(runId: string): { signal: AbortSignal; ended: () => void } {
    const controller = new AbortController();
    let resolve = () => {};
    const over = new Promise<void>((r) => {
      resolve = r;
    });
    this.going.set(runId, { controller, over });
    return {
      signal: controller.signal,
      ended: () => {
        this.going.delete(runId);
        resolve();
      },
    };
  }

  /** Aborts the run and resolves once it has ended; false when no run of that id is going (unknown, or already over). */
  async stop(runId: string): Promise<boolean> {
    const action = this.going.get(runId);
    if (action === undefined) return false;
    action.controller.abort();
    await action.over;
    return true;
  }
}
