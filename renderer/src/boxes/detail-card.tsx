import type { ReactNode } from 'react';
import { describeError } from '../../../shared/api/error-sentences';
import type { Query } from '../store/boxes-slice';
import { BusyButton } from '../components/busy-button';

interface DetailCardProps<T> {
  /** Prefix of the ids inside, unique on the page. */
  id: string;
  title: string;
  /** What is being read, for "Reading the services…". */
  what: string;
  query: Query<T> | undefined;
  onReload: () => void;
  /** Shown once there is an answer (the last one stays on screen while it reloads or after a failed reload). */
  children: (value: T) => ReactNode;
  /** Controls beside the Reload button. */
  tools?: ReactNode;
}

/** The value a query holds now: the answer, or the last one while reloading or after a failure. */
export function valueOf<T>(query: Query<T> | undefined): T | null {
  if (query === undefined) return null;
  return query.status === 'ok' ? query.value : query.last;
}

/**
 * One card of a box's detail: asks the box one question and has its own
 * loading and error state, so a box that cannot answer one question still
 * shows the others.
 */
export function DetailCard<T>({ id, title, what, query, onReload, children, tools }: DetailCardProps<T>) {
  const loading = query === undefined || query.status === 'loading';
  const value = valueOf(query);
  return (
    <section className="box-panel" aria-labelledby={`${id}-title`} aria-busy={loading}>
      <div className="row spread">
        <h3 id={`${id}-title`}>{title}</h3>
        <div className="row">
          {tools}
          <BusyButton className="button small" onClick={onReload} waiting={loading}>
            Reload<span className="visually-hidden"> {what}</span>
          </BusyButton>
        </div>
      </div>
      {loading && <p className="loading">Reading {what}…</p>}
      {query?.status === 'error' && <p className="field-message error">{describeError(query.error)}</p>}
      {value !== null && children(value)}
    </section>
  );
}

/** The sentence of an action stopped on request: news, not a failure, so it is neither red nor read out over everything else. */
export function ActionStopped({ message }: { message: string | null }) {
  return message === null ? null : (
    <p className="field-message" role="status">
      {message}
    </p>
  );
}

/** The sentence of an action that failed, read out at once, beside the controls that started it. */
export function ActionFailure({ message }: { message: string | null }) {
  return message === null ? null : (
    <p className="field-message error" role="alert">
      {message}
    </p>
  );
}
