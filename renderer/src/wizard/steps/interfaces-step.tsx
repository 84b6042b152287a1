import { dhcpInterface } from '../../../../shared/profile/defaults';
import { AdvancedSection } from '../../components/advanced-section';
import { CheckField } from '../../components/check-field';
import { TextField } from '../../components/text-field';
import { shiftDrafts } from '../../store/draft-problems';
import { useAppStore } from '../../store/store-context';
import { InterfaceCard } from '../parts/interface-card';
import { orNull } from '../profile-edits';
import { StepFrame } from '../step-frame';

/** The first ethN not yet used. */
function nextName(names: readonly string[]): string {
  for (let n = 0; ; n++) if (!names.includes(`eth${n}`)) return `eth${n}`;
}

export function InterfacesStep() {
  const count = useAppStore((s) => s.wizard.profile.interfaces.length);
  const wifiConfigFile = useAppStore((s) => s.wizard.profile.wifiConfigFile);
  const ipForwarding = useAppStore((s) => s.wizard.profile.ipForwarding);
  const edit = useAppStore((s) => s.wizard.edit);
  const update = useAppStore((s) => s.wizard.update);
  const announce = useAppStore((s) => s.ui.announce);

  const add = () => {
    update((p) => ({ ...p, interfaces: [...p.interfaces, dhcpInterface(nextName(p.interfaces.map((i) => i.name)))] }));
    announce('Interface added.', 'ok');
  };
  const remove = (index: number) => {
    edit((w) => ({
      profile: { ...w.profile, interfaces: w.profile.interfaces.filter((_, n) => n !== index) },
      drafts: shiftDrafts(w.drafts, 'interfaces', index),
      stash: shiftDrafts(w.stash, 'interfaces', index),
    }));
    announce('Interface removed.', 'ok');
  };

  return (
    <StepFrame step="interfaces" general={['interfaces']}>
      {Array.from({ length: count }, (_, index) => (
        <InterfaceCard key={index} index={index} onRemove={() => remove(index)} />
      ))}
      <button type="button" className="button" onClick={add} data-field-path="interfaces">
        Add an interface
      </button>
      <CheckField
        path="ipForwarding"
        label="Route between the interfaces (IP forwarding)"
        checked={ipForwarding}
        onChange={(on) => update((p) => ({ ...p, ipForwarding: on }))}
        hint="For a router or gateway. Cairn turns it on after setup-alpine."
      />
      <AdvancedSection summary="Advanced" paths={['wifiConfigFile']}>
        <TextField
          path="wifiConfigFile"
          label="Existing wpa_supplicant file on the box (optional)"
          value={wifiConfigFile ?? ''}
          onChange={(v) => update((p) => ({ ...p, wifiConfigFile: orNull(v) }))}
          hint="setup-alpine uses this file for wifi instead of the networks above (WIFIOPTS)."
          placeholder="/etc/wpa_supplicant/wpa_supplicant.conf"
        />
      </AdvancedSection>
    </StepFrame>
  );
}
