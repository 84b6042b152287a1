import { useEffect } from 'react';
import type { CairnClient } from '../../../shared/api/client';
import { useCairnClient } from '../client/cairn-client-context';
import { useTargetActions } from '../targets/target-actions';
import { FleetPanel } from './fleet-panel';
import { NewRunPanel } from './new-run-panel';
import { useRunActions } from './run-actions';
import { RunDetail } from './run-detail';
import { RunHistory } from './run-history';
import './runs.css';

function Runs({ client }: { client: CairnClient }) {
  const actions = useRunActions(client);
  const targets = useTargetActions(client);
  useEffect(() => {
    void targets.refresh();
    void actions.loadHistory();
  }, [actions, targets]);
  return (
    <>
      <h2 id="runs-title">Runs</h2>
      <div className="runs-columns">
        <div className="runs-side">
          <NewRunPanel actions={actions} client={client} />
          <RunHistory actions={actions} />
        </div>
        <div className="runs-main">
          <FleetPanel actions={actions} />
          <RunDetail actions={actions} />
        </div>
      </div>
    </>
  );
}

/** Installs: start a saved profile on targets, follow each run live, cancel, retry the failed, and read past runs. */
export function RunsScreen() {
  const client = useCairnClient();
  return (
    <section className="runs-screen" aria-labelledby="runs-title">
      {client === null ? (
        <>
          <h2 id="runs-title">Runs</h2>
          <p className="notice">Installs are run by the Cairn desktop app; this browser tab cannot reach machines. Open Cairn itself to run a profile on your targets.</p>
        </>
      ) : (
        <Runs client={client} />
      )}
    </section>
  );
}
