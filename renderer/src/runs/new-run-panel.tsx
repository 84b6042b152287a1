import { useEffect, useId, useState } from 'react';
import type { ResponseOf } from '../../../shared/api/channels';
import { describeError } from '../../../shared/api/error-sentences';
import type { ProfileSummary } from '../../../shared/api/profiles';
import { selectDirty } from '../store/derived';
import { useAppStore } from '../store/store-context';
import type { CairnClient } from '../../../shared/api/client';
import { BatchDialog } from './batch/batch-dialog';
import { ConfirmRunDialog } from './confirm-run-dialog';
import type { RunActions } from './run-actions';

type Plan = ResponseOf<'runs:plan'>;

/** Boxes installed at the same time unless the person says otherwise: the main process's own default. */
const DEFAULT_AT_ONCE = 10;

/** Which saved profile, on which targets: the start of every run, ending in the confirmation. */
export function NewRunPanel({ actions, client }: { actions: RunActions; client: CairnClient }) {
  const targets = useAppStore((s) => s.targets.list);
  const wizardProfileId = useAppStore((s) => s.wizard.profileId);
  const dirty = useAppStore(selectDirty);
  const setScreen = useAppStore((s) => s.ui.setScreen);
  const openTargets = useAppStore((s) => s.navigation.openTargets);
  const [profiles, setProfiles] = useState<readonly ProfileSummary[] | null>(null);
  const [profileId, setProfileId] = useState('');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [reboot, setReboot] = useState(false);
  // As typed, so "" or "60" stays on screen with its message instead of snapping back.
  const [atOnce, setAtOnce] = useState(String(DEFAULT_AT_ONCE));
  const [review, setReview] = useState<{
    plan: Plan;
    targetIds: string[];
  } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [batchOpen, setBatchOpen] = useState(false);
  const ids = {
    profile: useId(),
    hint: useId(),
    atOnce: useId(),
    atOnceHint: useId(),
  };

  useEffect(() => {
    let live = true;
    void actions.profiles().then((listed) => {
      if (!live) return;
      const list = listed.ok ? listed.value : [];
      if (!listed.ok) setError(`The saved profiles could not be listed: ${describeError(listed.error)}`);
      setProfiles(list);
      // The wizard's profile when it is saved; otherwise the person picks one.
      setProfileId((current) => current || (list.some((p) => p.id === wizardProfileId) ? (wizardProfileId ?? '') : (list[0]?.id ?? '')));
    });
    return () => {
      live = false;
    };
  }, [actions, wizardProfileId]);

  const toggle = (id: string, on: boolean) =>
    setChosen((old) => {
      const next = new Set(old);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const targetIds = (targets ?? []).map((t) => t.id).filter((id) => chosen.has(id));
  const concurrency = /^\s*\d+\s*$/.test(atOnce) ? Number(atOnce) : Number.NaN;
  const atOnceProblem = concurrency >= 1 && concurrency <= 50 ? null : `“${atOnce.trim()}” is not a number from 1 to 50: write how many boxes install at the same time.`;
  const chosenEnough = profileId !== '' && targetIds.length > 0;
  const ready = chosenEnough && atOnceProblem === null;
  const profileName = profiles?.find((p) => p.id === profileId)?.name ?? '';

  const openReview = async () => {
    if (!ready) return;
    setError(null);
    const planned = await actions.plan(profileId, targetIds, reboot);
    if (planned.ok) setReview({ plan: planned.value, targetIds });
    else setError(describeError(planned.error));
  };

  const start = async (confirmErase: string[]) => {
    if (!review) return;
    const started = await actions.start({
      profileId,
      profileName,
      targetIds: review.targetIds,
      confirmErase,
      reboot,
      concurrency,
    });
    setReview(null);
    if (started.ok) setChosen(new Set());
    else setError(describeError(started.error));
  };

  return (
    <section className="panel new-run" aria-labelledby="new-run-title">
      <h3 id="new-run-title">Start a run</h3>
      {profiles === null ? (
        <p className="loading">Loading profiles…</p>
      ) : profiles.length === 0 ? (
        <p className="empty">
          No saved profiles yet; runs use a saved profile.{' '}
          <button type="button" className="link-button" onClick={() => setScreen('wizard')}>
            Build one in the Wizard
          </button>
          .
        </p>
      ) : (
        <div className="field">
          <label htmlFor={ids.profile} className="field-label">
            Profile
          </label>
          <select id={ids.profile} className="input" value={profileId} onChange={(e) => setProfileId(e.target.value)}>
            {profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          {dirty && profileId !== '' && profileId === wizardProfileId && (
            <p className="field-message warning">The wizard has unsaved changes to this profile; the run uses it as last saved. Save it first to include them.</p>
          )}
        </div>
      )}
      <fieldset className="field target-choice">
        <legend className="field-label">Targets</legend>
        {targets === null ? (
          <p className="loading">Loading targets…</p>
        ) : targets.length === 0 ? (
          <p className="empty">
            No targets yet.{' '}
            <button type="button" className="link-button" onClick={() => openTargets({ kind: 'add' })}>
              Add a machine…
            </button>
            .
          </p>
        ) : (
          <ul className="choice-list">
            {targets.map((t) => (
              <li key={t.id}>
                <label className="choice-row">
                  <input type="checkbox" checked={chosen.has(t.id)} onChange={(e) => toggle(t.id, e.target.checked)} />
                  {t.name} <span className="muted mono">{`${t.user}@${t.host}:${t.port}`}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <label className="choice-row">
        <input type="checkbox" checked={reboot} onChange={(e) => setReboot(e.target.checked)} />
        Reboot each box when its install is done
      </label>
      {targetIds.length > 1 && (
        <div className="field">
          <label className="field-label" htmlFor={ids.atOnce}>
            Boxes at once
          </label>
          <input
            id={ids.atOnce}
            className="input narrow"
            type="text"
            inputMode="numeric"
            value={atOnce}
            aria-invalid={atOnceProblem === null ? undefined : true}
            aria-describedby={ids.atOnceHint}
            onChange={(e) => setAtOnce(e.target.value)}
          />
          <p id={ids.atOnceHint} className={atOnceProblem === null ? 'field-hint' : 'field-message error'}>
            {atOnceProblem ?? `From 1 to 50; the others wait their turn. ${DEFAULT_AT_ONCE} keeps a home network and this computer responsive.`}
          </p>
        </div>
      )}
      <div className="row">
        <button
          type="button"
          className="button primary"
          disabled={!ready}
          aria-describedby={chosenEnough ? (atOnceProblem === null ? undefined : ids.atOnceHint) : ids.hint}
          onClick={() => void openReview()}
        >
          Review and start…
        </button>
        {!chosenEnough && (
          <span id={ids.hint} className="muted">
            Choose a saved profile and at least one target.
          </span>
        )}
      </div>
      {error !== null && (
        <p className="field-message error" role="alert">
          {error}
        </p>
      )}
      {profiles !== null && profiles.length > 0 && (
        <p className="field-hint">
          Many boxes, each with its own hostname or address?{' '}
          <button type="button" className="link-button" onClick={() => setBatchOpen(true)}>
            Install a batch…
          </button>
        </p>
      )}
      {batchOpen && profiles !== null && (
        <BatchDialog client={client} actions={actions} profiles={profiles} initialProfileId={profileId || (profiles[0]?.id ?? '')} onClose={() => setBatchOpen(false)} />
      )}
      {review && <ConfirmRunDialog plan={review.plan} onStart={(erase) => void start(erase)} onClose={() => setReview(null)} />}
    </section>
  );
}
