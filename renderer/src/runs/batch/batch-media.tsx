import type { BatchMedia } from '../../../../shared/api/bootmedia';
import type { CairnClient } from '../../../../shared/api/client';
import { describeError } from '../../../../shared/api/error-sentences';
import type { Batch } from '../../../../shared/batch/row';

export type WrittenMedia = Extract<BatchMedia, { status: 'written' }>;
type Problems = Extract<BatchMedia, { status: 'problems' }>['problems'];

/** How "Make boot media for these boxes…" ended: the rows to fix, a sentence, or the overlays written. */
export type MediaOutcome =
  { kind: 'problems'; problems: Problems; text: string } | { kind: 'note'; tone: 'error' | 'info'; text: string } | { kind: 'written'; written: WrittenMedia; text: string };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Asks the main process for one overlay per row: it checks the rows as a
 * whole, then asks for the folder with the system's picker, then writes
 * and trusts every box's key. Nothing is written while a row has a problem.
 */
export async function makeBootMedia(client: CairnClient, profileId: string, batch: Batch): Promise<MediaOutcome> {
  const r = await client.invoke('bootmedia:prepare-batch', { profileId, batch });
  if (!r.ok) return { kind: 'note', tone: 'error', text: `No boot media were written: ${describeError(r.error)}` };
  const v = r.value;
  if (v.status === 'canceled') return { kind: 'note', tone: 'info', text: 'No boot media were written: no folder was chosen.' };
  if (v.status === 'problems')
    return { kind: 'problems', problems: v.problems, text: `No boot media were written: fix the ${plural(v.problems.length, 'problem', 'problems')} named below, then try again.` };
  return {
    kind: 'written',
    written: v,
    text: `Wrote ${plural(v.boxes.length, 'overlay', 'overlays')} to ${v.folder}; each box’s host key is already trusted for its address.`,
  };
}

/** What was written: one line per row, with the key's fingerprint and where Cairn trusts it. */
export function BatchMediaResult({ written }: { written: WrittenMedia }) {
  return (
    <section aria-label="Boot media written">
      <p className="field-hint">
        Copy each file onto its own box’s boot medium (the boot takes the first overlay it finds), then power the box on. Replaced:{' '}
        {written.replaced.length === 0 ? 'none' : written.replaced.join(', ')}.
      </p>
      <ul className="item-list" aria-label="Overlays written">
        {written.boxes.map((b) => (
          <li key={b.row}>
            Row {b.row}: <strong>{b.fileName}</strong> for {b.targetName}, host key <span className="mono">{b.fingerprint}</span> trusted for{' '}
            <span className="mono">
              {b.trustedHost} port {b.trustedPort}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
