import { describeError } from '../../../shared/api/error-sentences';
import type { Target } from '../../../shared/api/targets';
import type { BoxFacts } from '../../../shared/boxes/facts';
import { useAppStore } from '../store/store-context';
import { formatAge } from './format';
import { formatAlpine, formatBoxUptime, formatDisk, formatKernel, formatLbu, formatLoad, formatMemory, formatUpgrades, STORAGE_WORDS } from '../../../shared/boxes/format';
import { BusyButton } from '../components/busy-button';
import type { BoxActions } from './box-actions';
import { BoxHostKey, isKeyRefusal } from './box-host-key';

const address = (t: Target) => `${t.user}@${t.host}${t.port === 22 ? '' : `:${t.port}`}`;

/** The facts of one box as label/value pairs: the overview card and the detail header show the same. */
export function FactList({ facts }: { facts: BoxFacts }) {
  const rows: Array<[string, string]> = [
    ['Alpine', formatAlpine(facts.alpineVersion)],
    ['Kernel', formatKernel(facts)],
    ['Uptime', formatBoxUptime(facts.uptimeSeconds)],
    ['Load', formatLoad(facts.load)],
    ['Memory', formatMemory(facts.memory)],
    ['Disk', formatDisk(facts.filesystems)],
    ['System', STORAGE_WORDS[facts.storage]],
    ['Unsaved (lbu)', formatLbu(facts.lbu)],
    ['Upgrades', formatUpgrades(facts.upgrades)],
  ];
  return (
    <dl className="fact-list">
      {rows.map(([label, value]) => (
        <div key={label} className="fact">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** How the last read went, in words: what the card's colour also says. */
export function ReachLine({ targetId }: { targetId: string }) {
  const card = useAppStore((s) => s.boxes.cards[targetId]);
  const outcome = card?.outcome ?? null;
  const reading = card?.reading ?? false;
  const rebooting = useAppStore((s) => s.boxes.power[targetId]?.state === 'waiting');
  let text: string;
  if (rebooting) text = 'Rebooting: waiting for it to come back…';
  else if (outcome === null) text = reading ? 'Reading…' : 'Not read yet';
  else if (outcome.ok) text = `Reachable, read ${formatAge(outcome.refreshedAt)}${reading ? '; reading again…' : ''}`;
  else if (outcome.error.code === 'host-key-unknown') text = 'Not trusted yet: its host key is new to Cairn';
  else if (outcome.error.code === 'host-key-changed') text = 'Refused: its host key has changed';
  else text = `Unreachable${reading ? '; trying again…' : ''}`;
  return (
    <p className="reach-line" data-state={outcome === null ? 'unknown' : outcome.ok ? 'ok' : 'error'}>
      {text}
    </p>
  );
}

/** One box in the grid: is it reachable, what it runs, how full it is, what it has not saved. */
export function BoxCard({ target, actions, onOpen }: { target: Target; actions: BoxActions; onOpen: () => void }) {
  const card = useAppStore((s) => s.boxes.cards[target.id]);
  const outcome = card?.outcome ?? null;
  const titleId = `box-${target.id}-name`;
  return (
    <article className="box-card" aria-labelledby={titleId} data-state={outcome === null ? 'unknown' : outcome.ok ? 'ok' : 'error'} aria-busy={card?.reading ?? false}>
      <h3 id={titleId}>{target.name}</h3>
      <p className="muted mono">{address(target)}</p>
      <ReachLine targetId={target.id} />
      {outcome?.ok && <FactList facts={outcome.facts} />}
      {outcome?.ok === false && <p className="field-message error">{describeError(outcome.error)}</p>}
      <div className="row">
        {outcome?.ok === false && <BoxHostKey target={target} error={outcome.error} actions={actions} small />}
        <button type="button" className={`button small${outcome?.ok === false && isKeyRefusal(outcome.error) ? '' : ' primary'}`} onClick={onOpen}>
          Manage<span className="visually-hidden"> {target.name}</span>
        </button>
        <BusyButton className="button small" onClick={() => void actions.refreshOne(target.id)} waiting={card?.reading ?? false}>
          Refresh<span className="visually-hidden"> {target.name}</span>
        </BusyButton>
      </div>
    </article>
  );
}
