import type { BoxAction, BoxOutcome, BoxStatus } from '../../../shared/api/boxes';
import type { ResponseOf } from '../../../shared/api/channels';
import type { EventPayload } from '../../../shared/api/events';
import type { ProfileSummary } from '../../../shared/api/profiles';
import type { ApiError, Result } from '../../../shared/api/result';
import type { SliceCreator } from './types';

/** One overview card: the last facts (or why they could not be read) and whether a read is under way. */
export interface BoxCard {
  reading: boolean;
  outcome: BoxOutcome | null;
}

/** What a detail card asked the box, with its own loading and error state; the last good answer stays while it reloads. */
export type Query<T> = { status: 'loading'; last: T | null } | { status: 'ok'; value: T; at: string } | { status: 'error'; error: ApiError; last: T | null };

/** What each detail card reads from a box. */
export interface BoxDetailValues {
  services: ResponseOf<'boxes:services'>;
  packages: ResponseOf<'boxes:packages'>;
  upgradable: ResponseOf<'boxes:upgradable'>;
  lbuStatus: ResponseOf<'boxes:lbu-status'>;
  lbuDiff: ResponseOf<'boxes:lbu-diff'>;
  lbuBackups: ResponseOf<'boxes:lbu-backups'>;
  drift: ResponseOf<'boxes:drift'>;
}
export type DetailKind = keyof BoxDetailValues;
export type BoxDetails = { [K in DetailKind]?: Query<BoxDetailValues[K]> };

/** The output of a box's latest action of one kind, as it streamed. */
export interface ActionOutput {
  /** The run that printed it: what Stop (boxes:cancel) names. */
  runId: string;
  text: string;
  /** From the run's first event until the action answered: while it is true, the action can be stopped. */
  running: boolean;
}

/** A reboot Cairn is waiting on, or how the wait ended. */
export type PowerWait =
  { state: 'waiting'; runId: string; since: string } | { state: 'back'; runId: string; at: string } | { state: 'lost'; runId: string; error: ApiError; at: string };

export interface BoxesData {
  cards: Readonly<Record<string, BoxCard>>;
  /** The box whose detail is shown; null shows the grid. */
  openId: string | null;
  /** Seconds between automatic refreshes of the grid; 0 is off. */
  autoRefreshSeconds: number;
  details: Readonly<Record<string, BoxDetails>>;
  /** Keyed `targetId:action`: a new run of the same action replaces the text. */
  outputs: Readonly<Record<string, ActionOutput>>;
  power: Readonly<Record<string, PowerWait>>;
  /** Saved profiles to compare a box with (drift). */
  profiles: Query<ProfileSummary[]> | null;
}

export interface BoxesSlice {
  boxes: BoxesData & {
    readingStarted: (targetIds: readonly string[]) => void;
    /** A box's facts arrived (a refresh answer or a `boxes.facts` event). */
    factsArrived: (status: BoxStatus) => void;
    open: (targetId: string | null) => void;
    setAutoRefresh: (seconds: number) => void;
    queryStarted: <K extends DetailKind>(targetId: string, kind: K) => void;
    queryFinished: <K extends DetailKind>(targetId: string, kind: K, result: Result<BoxDetailValues[K]>, at?: Date) => void;
    outputArrived: (payload: EventPayload<'boxes.output'>) => void;
    /** The action answered (done, failed or stopped): its run is over. */
    actionEnded: (targetId: string, action: BoxAction) => void;
    powerWaiting: (targetId: string, runId: string, at?: Date) => void;
    backArrived: (payload: EventPayload<'boxes.back'>, at?: Date) => void;
    profilesStarted: () => void;
    profilesFinished: (result: Result<ProfileSummary[]>) => void;
    /** Drops what is kept for targets that no longer exist. */
    keepOnly: (targetIds: readonly string[]) => void;
  };
}

/** Output kept per action: enough for a long upgrade, never unbounded. */
export const OUTPUT_LIMIT = 200_000;

export const outputKey = (targetId: string, action: BoxAction) => `${targetId}:${action}`;

export const initialBoxesData = (): BoxesData => ({
  cards: {},
  openId: null,
  autoRefreshSeconds: 0,
  details: {},
  outputs: {},
  power: {},
  profiles: null,
});

const lastOf = <T>(query: Query<T> | undefined): T | null => (query === undefined ? null : query.status === 'ok' ? query.value : query.last);

const only = <V>(record: Readonly<Record<string, V>>, keep: (key: string) => boolean): Record<string, V> => Object.fromEntries(Object.entries(record).filter(([key]) => keep(key)));

export const createBoxesSlice: SliceCreator<BoxesSlice> = (set) => {
  const patch = (change: (b: BoxesSlice['boxes']) => Partial<BoxesData>) => set((s) => ({ boxes: { ...s.boxes, ...change(s.boxes) } }));
  const setDetail = <K extends DetailKind>(b: BoxesData, targetId: string, kind: K, query: Query<BoxDetailValues[K]>) => ({
    details: { ...b.details, [targetId]: { ...b.details[targetId], [kind]: query } as BoxDetails },
  });
  const detail = <K extends DetailKind>(b: BoxesData, targetId: string, kind: K) => b.details[targetId]?.[kind] as Query<BoxDetailValues[K]> | undefined;
  return {
    boxes: {
      ...initialBoxesData(),
      readingStarted: (targetIds) =>
        patch((b) => ({ cards: { ...b.cards, ...Object.fromEntries(targetIds.map((id) => [id, { reading: true, outcome: b.cards[id]?.outcome ?? null }])) } })),
      factsArrived: ({ targetId, outcome }) => patch((b) => ({ cards: { ...b.cards, [targetId]: { reading: false, outcome } } })),
      open: (openId) => patch(() => ({ openId })),
      setAutoRefresh: (autoRefreshSeconds) => patch(() => ({ autoRefreshSeconds: Math.max(0, autoRefreshSeconds) })),
      queryStarted: (targetId, kind) => patch((b) => setDetail(b, targetId, kind, { status: 'loading', last: lastOf(detail(b, targetId, kind)) })),
      queryFinished: (targetId, kind, result, at = new Date()) =>
        patch((b) =>
          setDetail(
            b,
            targetId,
            kind,
            result.ok ? { status: 'ok', value: result.value, at: at.toISOString() } : { status: 'error', error: result.error, last: lastOf(detail(b, targetId, kind)) },
          ),
        ),
      outputArrived: ({ runId, targetId, action, text }) =>
        patch((b) => {
          const key = outputKey(targetId, action);
          const before = b.outputs[key];
          const same = before?.runId === runId;
          const joined = (same ? before.text : '') + text;
          // A new run id is a new run starting (its first event is empty, sent before the box prints anything).
          const running = same ? before.running : true;
          return { outputs: { ...b.outputs, [key]: { runId, text: joined.length > OUTPUT_LIMIT ? joined.slice(joined.length - OUTPUT_LIMIT) : joined, running } } };
        }),
      actionEnded: (targetId, action) =>
        patch((b) => {
          const key = outputKey(targetId, action);
          const before = b.outputs[key];
          return before === undefined || !before.running ? {} : { outputs: { ...b.outputs, [key]: { ...before, running: false } } };
        }),
      powerWaiting: (targetId, runId, at = new Date()) =>
        patch((b) =>
          // The box may already be back when the answer to the reboot arrives.
          b.power[targetId]?.runId === runId ? {} : { power: { ...b.power, [targetId]: { state: 'waiting', runId, since: at.toISOString() } } },
        ),
      backArrived: ({ targetId, runId, ok, error }, at = new Date()) =>
        patch((b) => ({
          power: {
            ...b.power,
            [targetId]: ok ? { state: 'back', runId, at: at.toISOString() } : { state: 'lost', runId, at: at.toISOString(), error: error ?? { code: 'timeout', message: '' } },
          },
        })),
      profilesStarted: () => patch((b) => ({ profiles: { status: 'loading', last: lastOf(b.profiles ?? undefined) } })),
      profilesFinished: (result) =>
        patch((b) => ({
          profiles: result.ok
            ? { status: 'ok', value: result.value, at: new Date().toISOString() }
            : { status: 'error', error: result.error, last: lastOf(b.profiles ?? undefined) },
        })),
      keepOnly: (targetIds) =>
        patch((b) => {
          const ids = new Set(targetIds);
          return {
            cards: only(b.cards, (id) => ids.has(id)),
            details: only(b.details, (id) => ids.has(id)),
            power: only(b.power, (id) => ids.has(id)),
            outputs: only(b.outputs, (key) => ids.has(key.slice(0, key.indexOf(':')))),
            openId: b.openId !== null && ids.has(b.openId) ? b.openId : null,
          };
        }),
    },
  };
};
