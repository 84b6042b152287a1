import { ListField } from '../../components/list-field';
import { TextField } from '../../components/text-field';
import { useAppStore } from '../../store/store-context';
import { withDns } from '../profile-edits';
import { StepFrame } from '../step-frame';

export function DnsStep() {
  const dns = useAppStore((s) => s.wizard.profile.dns);
  const update = useAppStore((s) => s.wizard.update);
  return (
    <StepFrame step="dns" general={['dns']}>
      <p className="step-note">setup-alpine uses these only when no interface gets its address by DHCP.</p>
      <TextField
        path="dns.searchDomain"
        label="Search domain (optional)"
        value={dns.searchDomain}
        onChange={(v) => update((p) => withDns(p, { searchDomain: v }))}
        hint="Short names are looked up in this domain, like home.lan."
      />
      <ListField
        path="dns.servers"
        label="DNS servers"
        value={dns.servers}
        apply={(p, servers) => withDns(p, { servers })}
        hint="One address per line, like 1.1.1.1 or 2606:4700::1111."
        placeholder="1.1.1.1"
      />
    </StepFrame>
  );
}
