import { describeError } from '../../../shared/api/error-sentences';
import type { Target } from '../../../shared/api/targets';
import { useAppStore } from '../store/store-context';
import type { BoxActions } from './box-actions';
import { FactList, ReachLine } from './box-card';
import { BoxHostKey, isKeyRefusal } from './box-host-key';
import { DriftCard } from './drift-card';
import { LbuCard } from './lbu-card';
import { PackagesCard } from './packages-card';
import { PowerCard } from './power-card';
import { ServicesCard } from './services-card';
import { UpgradesCard } from './upgrades-card';
import { BusyButton } from '../components/busy-button';

/** One box: its facts, then a card per question (services, packages, lbu, power, drift), each loading and failing on its own. */
export function BoxDetail({ target, actions }: { target: Target; actions: BoxActions }) {
  const open = useAppStore((s) => s.boxes.open);
  const card = useAppStore((s) => s.boxes.cards[target.id]);
  const outcome = card?.outcome ?? null;
  return (
    <>
      <div className="row spread">
        <div>
          <button type="button" className="link-button" onClick={() => open(null)}>
            All boxes
          </button>
          <h2 id="boxes-title" tabIndex={-1}>
            {target.name}
          </h2>
          <ReachLine targetId={target.id} />
        </div>
        <BusyButton className="button" onClick={() => void actions.refreshOne(target.id)} waiting={card?.reading ?? false}>
          Refresh<span className="visually-hidden"> {target.name}</span>
        </BusyButton>
      </div>
      {outcome?.ok && (
        <section className="box-panel" aria-label={`Facts of ${target.name}`}>
          <FactList facts={outcome.facts} />
        </section>
      )}
      {outcome?.ok === false && <p className="field-message error">{describeError(outcome.error)}</p>}
      {outcome?.ok === false && isKeyRefusal(outcome.error) ? (
        // Every card would be refused for the same key: deal with it once, here.
        <div className="row">
          <BoxHostKey target={target} error={outcome.error} actions={actions} />
        </div>
      ) : (
        <div className="box-panels">
          <ServicesCard target={target} actions={actions} />
          <PackagesCard target={target} actions={actions} />
          <UpgradesCard target={target} actions={actions} />
          <LbuCard target={target} actions={actions} />
          <PowerCard target={target} actions={actions} />
          <DriftCard target={target} actions={actions} />
        </div>
      )}
    </>
  );
}
