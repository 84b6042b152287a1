import { useEffect, useMemo, useState } from 'react';
import type { Target } from '../../../shared/api/targets';
import { Dialog } from '../components/dialog';
import { useAppStore } from '../store/store-context';
import { AddPackageForm } from './add-package-form';
import type { BoxActions } from './box-actions';
import { ActionFailure, ActionStopped, DetailCard } from './detail-card';
import { InstalledList } from './installed-list';
import { LiveOutput } from './live-output';
import { StopAction } from './stop-action';
import { useAction } from './use-action';

/** What is installed: install by name (with suggestions), remove what was asked for. */
export function PackagesCard({ target, actions }: { target: Target; actions: BoxActions }) {
  const query = useAppStore((s) => s.boxes.details[target.id]?.packages);
  const action = useAction();
  const [removing, setRemoving] = useState<string | null>(null);
  useEffect(() => {
    void actions.loadPackages(target.id);
  }, [actions, target.id]);
  const installed = useMemo(() => new Set(query?.status === 'ok' ? query.value.packages.map((p) => p.name) : []), [query]);
  const busy = action.busy !== null;

  const remove = (name: string) => {
    setRemoving(null);
    void action.run(`remove ${name}`, () => actions.removePackages(target.id, [name]));
  };

  return (
    <DetailCard id={`packages-${target.id}`} title="Packages" what="the packages" query={query} onReload={() => void actions.loadPackages(target.id)}>
      {({ packages }) => (
        <>
          <AddPackageForm installed={installed} busy={busy} onAdd={async (name) => (await action.run(`add ${name}`, () => actions.addPackages(target.id, [name]))).ok} />
          {action.busy !== null && <p className="loading">Working: {action.busy}…</p>}
          <ActionFailure message={action.failure} />
          <ActionStopped message={action.stopped} />
          <StopAction targetId={target.id} action="add-packages" what={`the install on ${target.name}`} actions={actions} />
          <LiveOutput targetId={target.id} action="add-packages" label={`Output of the last install on ${target.name}`} />
          <InstalledList packages={packages} targetName={target.name} busy={busy} onRemove={setRemoving} />
          {removing !== null && (
            <Dialog
              title={`Remove ${removing} from ${target.name}?`}
              onClose={() => setRemoving(null)}
              alert
              actions={
                <>
                  <button type="button" className="button" onClick={() => setRemoving(null)} data-autofocus>
                    Cancel
                  </button>
                  <button type="button" className="button danger" onClick={() => remove(removing)}>
                    Remove {removing}
                  </button>
                </>
              }
            >
              <p>apk del removes {removing} and whatever it pulled in that nothing else needs. Services it shipped stop being available.</p>
            </Dialog>
          )}
        </>
      )}
    </DetailCard>
  );
}
