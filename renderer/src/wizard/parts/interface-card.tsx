import { useState } from 'react';
import { ipv4Schema, ipv6Schema, wifiSchema, type Ipv4, type Ipv6, type NetworkInterface } from '../../../../shared/profile/schema';
import { CheckField } from '../../components/check-field';
import { ChoiceGroup, type Choice } from '../../components/choice-group';
import { Field } from '../../components/field';
import { NumberField } from '../../components/number-field';
import { ListField } from '../../components/list-field';
import { TextField } from '../../components/text-field';
import { AdvancedSection } from '../../components/advanced-section';
import { useAppStore } from '../../store/store-context';
import { withInterface } from '../profile-edits';
import { toggled } from '../stash';

const IPV4: ReadonlyArray<Choice<Ipv4['mode']>> = [
  { value: 'dhcp', label: 'Automatic (DHCP)' },
  { value: 'static', label: 'Static IPv4 address' },
  { value: 'none', label: 'No IPv4' },
];
const IPV6: ReadonlyArray<Choice<Ipv6['mode']>> = [
  { value: 'none', label: 'No IPv6' },
  { value: 'auto', label: 'Automatic (SLAAC)' },
  { value: 'dhcp', label: 'DHCPv6' },
  { value: 'static', label: 'Static IPv6 address' },
];

const staticV4 = (): Ipv4 => ({ mode: 'static', address: '', prefix: 24, gateway: '' });
const staticV6 = (): Ipv6 => ({ mode: 'static', address: '', prefix: 64, gateway: '' });

export function InterfaceCard({ index, onRemove }: { index: number; onRemove: () => void }) {
  const iface = useAppStore((s) => s.wizard.profile.interfaces[index]);
  const edit = useAppStore((s) => s.wizard.edit);
  const update = useAppStore((s) => s.wizard.update);
  const [showPassphrase, setShowPassphrase] = useState(false);
  if (!iface) return null;
  const at = `interfaces.${index}`;
  const change = (fn: (i: NetworkInterface) => NetworkInterface) => update((p) => withInterface(p, index, fn));

  // Leaving "static" sets the address aside; coming back restores it.
  const setIpv4Mode = (mode: Ipv4['mode']) =>
    edit((w) => {
      const current = w.profile.interfaces[index]?.ipv4;
      if (!current) return {};
      const t = toggled(w, `${at}.ipv4`, current.mode === 'static' ? current : null, mode === 'static', staticV4, ipv4Schema);
      return { stash: t.stash, profile: withInterface(w.profile, index, (i) => ({ ...i, ipv4: t.value ?? (mode === 'static' ? staticV4() : { mode }) })) };
    });
  const setIpv6Mode = (mode: Ipv6['mode']) =>
    edit((w) => {
      const current = w.profile.interfaces[index]?.ipv6;
      if (!current) return {};
      const t = toggled(w, `${at}.ipv6`, current.mode === 'static' ? current : null, mode === 'static', staticV6, ipv6Schema);
      return { stash: t.stash, profile: withInterface(w.profile, index, (i) => ({ ...i, ipv6: t.value ?? (mode === 'static' ? staticV6() : { mode }) })) };
    });
  const setWifi = (on: boolean) =>
    edit((w) => {
      const t = toggled(w, `${at}.wifi`, w.profile.interfaces[index]?.wifi ?? null, on, () => ({ ssid: '', passphrase: '' }), wifiSchema);
      return { stash: t.stash, profile: withInterface(w.profile, index, (i) => ({ ...i, wifi: t.value })) };
    });

  const { ipv4, ipv6, wifi } = iface;
  const title = iface.name || `interface ${index + 1}`;
  return (
    <fieldset className="card interface-card">
      <legend>Interface {title}</legend>
      <div className="row">
        <TextField path={`${at}.name`} label="Name" value={iface.name} onChange={(name) => change((i) => ({ ...i, name }))} hint="Like eth0 or wlan0." />
        <button type="button" className="button danger-outline" onClick={onRemove}>
          Remove {title}
        </button>
      </div>
      <CheckField path={`${at}.auto`} label="Bring up at boot" checked={iface.auto} onChange={(auto) => change((i) => ({ ...i, auto }))} />
      <ChoiceGroup path={`${at}.ipv4.mode`} legend="IPv4" value={ipv4.mode} choices={IPV4} onChange={setIpv4Mode} />
      {ipv4.mode === 'static' && (
        <div className="row">
          <TextField
            path={`${at}.ipv4.address`}
            label="IPv4 address"
            value={ipv4.address}
            placeholder="192.168.1.10"
            onChange={(address) => change((i) => (i.ipv4.mode === 'static' ? { ...i, ipv4: { ...i.ipv4, address } } : i))}
          />
          <NumberField
            path={`${at}.ipv4.prefix`}
            label="Prefix length"
            value={ipv4.prefix}
            placeholder="24"
            apply={(p, prefix) => withInterface(p, index, (i) => (i.ipv4.mode === 'static' ? { ...i, ipv4: { ...i.ipv4, prefix } } : i))}
          />
          <TextField
            path={`${at}.ipv4.gateway`}
            label="Gateway (optional)"
            value={ipv4.gateway}
            placeholder="192.168.1.1"
            onChange={(gateway) => change((i) => (i.ipv4.mode === 'static' ? { ...i, ipv4: { ...i.ipv4, gateway } } : i))}
          />
        </div>
      )}
      <ChoiceGroup path={`${at}.ipv6.mode`} legend="IPv6" value={ipv6.mode} choices={IPV6} onChange={setIpv6Mode} />
      {ipv6.mode === 'static' && (
        <div className="row">
          <TextField
            path={`${at}.ipv6.address`}
            label="IPv6 address"
            value={ipv6.address}
            placeholder="2001:db8::10"
            onChange={(address) => change((i) => (i.ipv6.mode === 'static' ? { ...i, ipv6: { ...i.ipv6, address } } : i))}
          />
          <NumberField
            path={`${at}.ipv6.prefix`}
            label="IPv6 prefix length"
            value={ipv6.prefix}
            placeholder="64"
            apply={(p, prefix) => withInterface(p, index, (i) => (i.ipv6.mode === 'static' ? { ...i, ipv6: { ...i.ipv6, prefix } } : i))}
          />
          <TextField
            path={`${at}.ipv6.gateway`}
            label="IPv6 gateway (optional)"
            value={ipv6.gateway}
            onChange={(gateway) => change((i) => (i.ipv6.mode === 'static' ? { ...i, ipv6: { ...i.ipv6, gateway } } : i))}
          />
        </div>
      )}
      <CheckField path={`${at}.wifi#set`} label="This is a wifi interface" checked={wifi !== null} onChange={setWifi} />
      {wifi && (
        <div className="row">
          <TextField path={`${at}.wifi.ssid`} label="Wifi network (SSID)" value={wifi.ssid} onChange={(ssid) => change((i) => ({ ...i, wifi: i.wifi && { ...i.wifi, ssid } }))} />
          <Field
            path={`${at}.wifi.passphrase`}
            label="Wifi passphrase"
            hint="8 to 63 characters; empty for an open network. A pushed install keeps it in a file only root can read on the box; an answer file you save holds it too, so keep that file private."
          >
            {(control) => (
              <input
                {...control}
                className="input"
                type={showPassphrase ? 'text' : 'password'}
                value={wifi.passphrase}
                autoComplete="off"
                onChange={(e) => {
                  const passphrase = e.target.value;
                  change((i) => ({ ...i, wifi: i.wifi && { ...i.wifi, passphrase } }));
                }}
              />
            )}
          </Field>
          <CheckField path={`${at}.wifi#show`} label="Show passphrase" checked={showPassphrase} onChange={setShowPassphrase} />
        </div>
      )}
      <KeptOptions index={index} iface={iface} />
    </fieldset>
  );
}

/**
 * ifupdown-ng options the form has no field for (hostname sent with DHCP,
 * mtu, bridge-ports, bond-*, vlan-raw-device, hooks ...), one per line, as an
 * imported file had them: kept, shown and editable, never dropped.
 */
function KeptOptions({ index, iface }: { index: number; iface: NetworkInterface }) {
  const at = `interfaces.${index}.extraOptions`;
  const kept = iface.extraOptions.inet.length + iface.extraOptions.inet6.length;
  const set = (family: 'inet' | 'inet6') => (p: Parameters<typeof withInterface>[0], lines: string[]) =>
    withInterface(p, index, (i) => ({ ...i, extraOptions: { ...i.extraOptions, [family]: lines } }));
  return (
    <AdvancedSection summary={kept > 0 ? `More ifupdown options (${kept} kept from the imported file)` : 'More ifupdown options'} paths={[at]} startOpen={kept > 0}>
      <ListField
        path={`${at}.inet`}
        label={`Options of ${iface.name || 'this interface'} (IPv4 stanza)`}
        value={iface.extraOptions.inet}
        rows={3}
        apply={set('inet')}
        placeholder="mtu 1400"
        hint="One per line, as in /etc/network/interfaces, like hostname garage, mtu 1400 or bridge-ports eth1 eth2. Written as they are."
      />
      <ListField
        path={`${at}.inet6`}
        label={`Options of ${iface.name || 'this interface'} (IPv6 stanza)`}
        value={iface.extraOptions.inet6}
        rows={2}
        apply={set('inet6')}
        hint="Only for the IPv6 stanza, like accept_ra 2."
      />
    </AdvancedSection>
  );
}
