import type { ApiError, StoreProblem } from '../../../shared/api/result';
import type { SecretStatus } from '../../../shared/api/secrets';
import type { ConnectionReport, Target } from '../../../shared/api/targets';
import type { SliceCreator } from './types';

/** The last "Test connection" of a target, kept until Cairn closes. */
export type TargetTest = { status: 'testing' } | { status: 'ok'; report: ConnectionReport; at: string } | { status: 'failed'; error: ApiError; at: string };

/** What the window may know of a target's secrets: whether they exist and how they are kept, never their value. */
export interface SecretFlags {
  hasPassword: boolean;
  hasPassphrase: boolean;
  hasDoasPassword: boolean;
}

export interface TargetsData {
  /** null until the main process has answered once. */
  list: readonly Target[] | null;
  /** Files of the target store that could not be read. */
  problems: readonly StoreProblem[];
  selectedId: string | null;
  tests: Readonly<Record<string, TargetTest>>;
  /** How secrets are kept on this computer; null until asked. */
  secretStorage: Pick<SecretStatus, 'storage' | 'reason'> | null;
  secretFlags: Readonly<Record<string, SecretFlags>>;
  /** A dialog to open when the Targets screen shows, asked for from another screen; null when nothing waits. */
  arrival: TargetsArrival | null;
}

/** What another screen can ask the Targets screen to open: a boot medium (on a saved profile, or one to choose), a new target, the SSH config import. */
export type TargetsArrival = { kind: 'boot-medium'; profileId: string | null } | { kind: 'add' } | { kind: 'import' };

export interface TargetsSlice {
  targets: TargetsData & {
    loaded: (list: readonly Target[], problems: readonly StoreProblem[]) => void;
    /** A saved target replaces the one with its id, or joins the list. */
    saved: (target: Target) => void;
    removed: (id: string) => void;
    select: (id: string | null) => void;
    testStarted: (id: string) => void;
    testFinished: (id: string, outcome: { ok: true; value: ConnectionReport } | { ok: false; error: ApiError }, at?: Date) => void;
    secretsKnown: (status: Pick<SecretStatus, 'storage' | 'reason' | 'targets'>) => void;
    /** The Targets screen opened the dialog that was asked for. */
    arrivalTaken: () => void;
  };
}

export const initialTargetsData = (): TargetsData => ({
  list: null,
  problems: [],
  selectedId: null,
  tests: {},
  secretStorage: null,
  secretFlags: {},
  arrival: null,
});

const byName = (a: Target, b: Target) => a.name.localeCompare(b.name);

const without = <V>(record: Readonly<Record<string, V>>, id: string): Record<string, V> => {
  const next = { ...record };
  delete next[id];
  return next;
};

export const createTargetsSlice: SliceCreator<TargetsSlice> = (set) => {
  const patch = (change: (t: TargetsSlice['targets']) => Partial<TargetsData>) => set((s) => ({ targets: { ...s.targets, ...change(s.targets) } }));
  return {
    targets: {
      ...initialTargetsData(),
      loaded: (list, problems) =>
        patch((t) => {
          const ids = new Set(list.map((x) => x.id));
          return {
            list: [...list].sort(byName),
            problems,
            selectedId: t.selectedId !== null && ids.has(t.selectedId) ? t.selectedId : null,
            tests: Object.fromEntries(Object.entries(t.tests).filter(([id]) => ids.has(id))),
          };
        }),
      saved: (target) =>
        patch((t) => {
          const others = (t.list ?? []).filter((x) => x.id !== target.id);
          const changed = t.list?.find((x) => x.id === target.id);
          // A new address or login makes the old result say nothing about this target.
          const stale =
            changed !== undefined &&
            (changed.host !== target.host || changed.port !== target.port || changed.user !== target.user || changed.auth !== target.auth || changed.keyPath !== target.keyPath);
          return { list: [...others, target].sort(byName), selectedId: target.id, tests: stale ? without(t.tests, target.id) : t.tests };
        }),
      removed: (id) =>
        patch((t) => ({
          list: (t.list ?? []).filter((x) => x.id !== id),
          selectedId: t.selectedId === id ? null : t.selectedId,
          tests: without(t.tests, id),
          secretFlags: without(t.secretFlags, id),
        })),
      select: (id) => patch(() => ({ selectedId: id })),
      testStarted: (id) => patch((t) => ({ selectedId: id, tests: { ...t.tests, [id]: { status: 'testing' } } })),
      testFinished: (id, outcome, at = new Date()) =>
        patch((t) => ({
          tests: {
            ...t.tests,
            [id]: outcome.ok ? { status: 'ok', report: outcome.value, at: at.toISOString() } : { status: 'failed', error: outcome.error, at: at.toISOString() },
          },
        })),
      secretsKnown: (status) =>
        patch(() => ({
          secretStorage: { storage: status.storage, reason: status.reason },
          secretFlags: Object.fromEntries(
            status.targets.map((f) => [f.targetId, { hasPassword: f.hasPassword, hasPassphrase: f.hasPassphrase, hasDoasPassword: f.hasDoasPassword }]),
          ),
        })),
      arrivalTaken: () => patch(() => ({ arrival: null })),
    },
  };
};
