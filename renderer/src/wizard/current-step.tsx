import type { ComponentType } from 'react';
import { useAppStore } from '../store/store-context';
import type { StepId } from './step-catalogue';
import { ApkreposStep } from './steps/apkrepos-step';
import { DiskStep } from './steps/disk-step';
import { DnsStep } from './steps/dns-step';
import { HostnameStep } from './steps/hostname-step';
import { InterfacesStep } from './steps/interfaces-step';
import { KeymapStep } from './steps/keymap-step';
import { LbuStep } from './steps/lbu-step';
import { NtpStep } from './steps/ntp-step';
import { PackagesStep } from './steps/packages-step';
import { ProxyStep } from './steps/proxy-step';
import { ReviewStep } from './steps/review-step';
import { SshdStep } from './steps/sshd-step';
import { TimezoneStep } from './steps/timezone-step';
import { UserStep } from './steps/user-step';

const VIEWS: Record<StepId, ComponentType> = {
  keymap: KeymapStep,
  hostname: HostnameStep,
  interfaces: InterfacesStep,
  dns: DnsStep,
  timezone: TimezoneStep,
  proxy: ProxyStep,
  ntp: NtpStep,
  apkrepos: ApkreposStep,
  user: UserStep,
  sshd: SshdStep,
  disk: DiskStep,
  lbu: LbuStep,
  packages: PackagesStep,
  review: ReviewStep,
};

export function CurrentStep() {
  const step = useAppStore((s) => s.wizard.step);
  const View = VIEWS[step];
  return <View key={step} />;
}
