import { useEffect, useRef } from 'react';
import type { MediumReport } from '../../../../shared/api/bootmedia';
import { describedBy, FieldMessage } from '../../components/field';
import { FormField } from '../form-field';
import { idOf } from './boot-medium-model';

interface MediumFolderFieldProps {
  folder: string;
  /** What bootmedia:inspect found for the folder as typed now; null before it answered. */
  report: MediumReport | null;
  /** Why the folder cannot take the overlay (the inspection's problem, or a refusal). */
  problem: string | null;
  replaceExisting: boolean;
  /** The main process refused to write over overlays already there. */
  replaceProblem: string | null;
  browsing: boolean;
  onChange: (folder: string) => void;
  /** The person left the field: time to look at the folder. */
  onDone: () => void;
  onBrowse: () => void;
  onReplaceChange: (replace: boolean) => void;
}

/**
 * The mounted medium: typed or chosen with the system dialog, then looked at
 * before anything is written, so a folder that cannot take the overlay says
 * so here, and overlays already on the medium are listed with the choice to
 * replace them.
 */
export function MediumFolderField(props: MediumFolderFieldProps) {
  const { folder, report, problem, replaceExisting, replaceProblem, browsing } = props;
  const existing = report?.existingOverlays ?? [];
  const showReplace = existing.length > 0 || replaceProblem !== null;
  const replaceId = idOf('replaceExisting');
  const box = useRef<HTMLDivElement>(null);
  // What was found in the folder may land below a short window's fold (after Browse…, the button keeps the focus).
  const news = `${problem ?? ''}|${existing.join(',')}|${replaceProblem ?? ''}`;
  useEffect(() => {
    if (news !== '||') box.current?.scrollIntoView?.({ block: 'nearest' });
  }, [news]);
  return (
    <div className="medium-folder" ref={box}>
      <FormField id={idOf('folder')} label="Medium folder" hint="Where the medium is mounted, e.g. /media/sdcard or E:\ on Windows." problem={problem}>
        {(control) => (
          <div className="input-with-button">
            <input
              {...control}
              className="input wide mono"
              type="text"
              spellCheck={false}
              autoComplete="off"
              value={folder}
              onChange={(e) => props.onChange(e.target.value)}
              onBlur={props.onDone}
            />
            <button type="button" className="button" aria-disabled={browsing || undefined} onClick={() => !browsing && props.onBrowse()}>
              Browse…
            </button>
          </div>
        )}
      </FormField>
      {showReplace && (
        <div className="field existing-overlays" data-status={replaceProblem === null ? 'warning' : 'error'}>
          {existing.length > 0 && (
            <FieldMessage
              id={`${replaceId}-warning`}
              problem={{
                severity: 'warning',
                message: `The medium already holds ${existing.join(', ')}. At boot the first overlay found wins, so ${existing.length === 1 ? 'it' : 'they'} would compete with Cairn’s.`,
              }}
            />
          )}
          <div className="field-inline-row">
            <input
              type="checkbox"
              id={replaceId}
              checked={replaceExisting}
              onChange={(e) => props.onReplaceChange(e.target.checked)}
              aria-invalid={replaceProblem === null ? undefined : true}
              aria-describedby={describedBy(replaceProblem !== null && `${replaceId}-message`, existing.length > 0 && `${replaceId}-warning`)}
            />
            <label htmlFor={replaceId} className="field-label">
              Replace the overlay already there
            </label>
          </div>
          {replaceProblem !== null && <FieldMessage id={`${replaceId}-message`} problem={{ severity: 'error', message: replaceProblem }} />}
        </div>
      )}
    </div>
  );
}
