import type { StoreProblem } from '../../../shared/api/result';
import type { FleetStarted, RunSummaryInfo } from '../../../shared/api/runs';
import { applyRunEvent, queuedRun, runFromSummary, type AnyRunEvent, type RunView } from '../runs/run-view';
import type { SliceCreator } from './types';

/** The runs started together; a retry adds runs to the same fleet. */
export interface FleetView {
  fleetId: string;
  profileName: string;
  /** Every run of the fleet, in the order they were started. */
  runIds: readonly string[];
  startedAt: string;
}

export interface RunsData {
  runs: Readonly<Record<string, RunView>>;
  fleets: Readonly<Record<string, FleetView>>;
  selectedFleetId: string | null;
  selectedRunId: string | null;
  /** The runs on disk as runs:list gave them, newest first; null until listed. */
  historyIds: readonly string[] | null;
  historyProblems: readonly StoreProblem[];
}

export interface RunsSlice {
  runs: RunsData & {
    /** The main process accepted runs:start (or a retry): its runs wait in the fleet until their first event. */
    fleetStarted: (started: FleetStarted, o: { profileName: string; targetLabels: Readonly<Record<string, string>> }, at?: Date) => void;
    /** Events from the main process, in the order they came. */
    received: (events: readonly AnyRunEvent[], at?: Date) => void;
    historyLoaded: (summaries: readonly RunSummaryInfo[], problems: readonly StoreProblem[]) => void;
    /** A run read from disk with its log (runs:get). */
    opened: (summary: RunSummaryInfo, log: { text: string; start: number }) => void;
    selectRun: (runId: string) => void;
    selectFleet: (fleetId: string) => void;
  };
}

export const initialRunsData = (): RunsData => ({ runs: {}, fleets: {}, selectedFleetId: null, selectedRunId: null, historyIds: null, historyProblems: [] });

/** Adds a run to its fleet (making the fleet when it is new), keeping the fleet's runs in start order. */
function withRun(fleets: Record<string, FleetView>, run: RunView, fallbackStart: string): void {
  if (run.fleetId === null) return;
  const fleet = fleets[run.fleetId] ?? { fleetId: run.fleetId, profileName: run.profileName, runIds: [], startedAt: run.startedAt ?? fallbackStart };
  if (fleet.runIds.includes(run.runId)) return;
  fleets[run.fleetId] = { ...fleet, runIds: [...fleet.runIds, run.runId], startedAt: [fleet.startedAt, run.startedAt ?? fleet.startedAt].sort()[0] ?? fleet.startedAt };
}

export const createRunsSlice: SliceCreator<RunsSlice> = (set) => {
  const patch = (change: (r: RunsSlice['runs']) => Partial<RunsData>) => set((s) => ({ runs: { ...s.runs, ...change(s.runs) } }));
  return {
    runs: {
      ...initialRunsData(),
      fleetStarted: (started, o, at = new Date()) =>
        patch((r) => {
          const runs = { ...r.runs };
          const fleets = { ...r.fleets };
          started.runIds.forEach((runId, i) => {
            const targetId = started.targetIds[i] ?? '';
            const resume = started.resumes?.find((r) => r.targetId === targetId) ?? null;
            const run = queuedRun({ runId, fleetId: started.fleetId, targetId, targetLabel: o.targetLabels[targetId] ?? null, profileName: o.profileName, resume });
            runs[runId] = run;
            withRun(fleets, run, at.toISOString());
          });
          return { runs, fleets, selectedFleetId: started.fleetId, selectedRunId: started.runIds[0] ?? r.selectedRunId };
        }),
      received: (events, at = new Date()) =>
        patch((r) => {
          const runs = { ...r.runs };
          const fleets = { ...r.fleets };
          for (const event of events) {
            const run = applyRunEvent(runs[event.payload.runId], event, at.toISOString());
            runs[run.runId] = run;
            withRun(fleets, run, at.toISOString());
          }
          return { runs, fleets };
        }),
      historyLoaded: (summaries, problems) =>
        patch((r) => {
          const runs = { ...r.runs };
          const fleets = { ...r.fleets };
          // Oldest first, so each fleet lists its runs (and retries) in the order they ran.
          for (const summary of [...summaries].reverse()) {
            const run = runFromSummary(summary, runs[summary.runId]);
            runs[run.runId] = run;
            withRun(fleets, run, summary.startedAt);
          }
          return { runs, fleets, historyIds: summaries.map((s) => s.runId), historyProblems: problems };
        }),
      opened: (summary, log) =>
        patch((r) => {
          const fleets = { ...r.fleets };
          const run = runFromSummary(summary, r.runs[summary.runId], log);
          withRun(fleets, run, summary.startedAt);
          return { runs: { ...r.runs, [run.runId]: run }, fleets };
        }),
      selectRun: (runId) => patch((r) => ({ selectedRunId: runId, selectedFleetId: r.runs[runId]?.fleetId ?? r.selectedFleetId })),
      selectFleet: (fleetId) =>
        patch((r) => ({
          selectedFleetId: fleetId,
          selectedRunId: r.fleets[fleetId]?.runIds.includes(r.selectedRunId ?? '') ? r.selectedRunId : (r.fleets[fleetId]?.runIds[0] ?? null),
        })),
    },
  };
};
