import { useEffect } from 'react';
import type { Target } from '../../../shared/api/targets';
import { useAppStore } from '../store/store-context';
import type { BoxActions } from './box-actions';
import { ActionFailure, ActionStopped, DetailCard } from './detail-card';
import { LiveOutput } from './live-output';
import { StopAction } from './stop-action';
import { useAction } from './use-action';
import { BusyButton } from '../components/busy-button';

/** Packages with a newer version, a fresh check (apk update), and upgrading everything with the output as it comes. */
export function UpgradesCard({ target, actions }: { target: Target; actions: BoxActions }) {
  const query = useAppStore((s) => s.boxes.details[target.id]?.upgradable);
  const action = useAction();
  useEffect(() => {
    void actions.loadUpgradable(target.id);
  }, [actions, target.id]);
  return (
    <DetailCard
      id={`upgrades-${target.id}`}
      title="Upgrades"
      what="the upgrades"
      query={query}
      onReload={() => void actions.loadUpgradable(target.id)}
      tools={
        <BusyButton className="button small" waiting={query?.status === 'loading'} onClick={() => void actions.loadUpgradable(target.id, true)}>
          Check for updates
        </BusyButton>
      }
    >
      {({ packages, indexesMissing }) => (
        <>
          {indexesMissing ? (
            <p className="empty">The box has never downloaded a package index, so Cairn cannot tell what is new: check for updates (the box needs to reach its mirror).</p>
          ) : packages.length === 0 ? (
            <p className="empty">Every package is up to date.</p>
          ) : (
            <ul className="plain-list" aria-label={`Upgrades for ${target.name}`}>
              {packages.map((p) => (
                <li key={p.name}>
                  <span className="mono">{p.name}</span> {p.installed} → {p.available}
                </li>
              ))}
            </ul>
          )}
          <div className="row">
            <BusyButton className="button" waiting={action.busy !== null} onClick={() => void action.run('upgrade', () => actions.upgrade(target.id))}>
              Upgrade all packages
            </BusyButton>
            {action.busy !== null && <span className="loading">Upgrading…</span>}
            <StopAction targetId={target.id} action="upgrade" what={`the upgrade on ${target.name}`} actions={actions} />
          </div>
          <ActionFailure message={action.failure} />
          <ActionStopped message={action.stopped} />
          <LiveOutput targetId={target.id} action="upgrade" label={`Output of the last upgrade on ${target.name}`} />
        </>
      )}
    </DetailCard>
  );
}
