import type { ComponentType } from 'react';
import { useAppStore } from '../store/store-context';
import type { StepId } from './step-catalogue';
import { ApkStep } from './steps/apk-step';
import { DiskStep } from './steps/disk-step';
import { DisklessStep } from './steps/diskless-step';
import { DnsStep } from './steps/dns-step';
import { HostnameStep } from './steps/hostname-step';
import { KeyboardStep } from './steps/keyboard-step';
import { NetworkStep } from './steps/network-step';
import { NtpStep } from './steps/ntp-step';
import { PackagesStep } from './steps/packages-step';
import { ProxyStep } from './steps/proxy-step';
import { ReviewStep } from './steps/review-step';
import { SshdStep } from './steps/sshd-step';
import { TimezoneStep } from './steps/timezone-step';
import { UserStep } from './steps/user-step';

const VIEWS: Record<StepId, ComponentType> = {
  keyboard: KeyboardStep,
  hostname: HostnameStep,
  network: NetworkStep,
  dns: DnsStep,
  timezone: TimezoneStep,
  proxy: ProxyStep,
  ntp: NtpStep,
  apk: ApkStep,
  user: UserStep,
  sshd: SshdStep,
  disk: DiskStep,
  diskless: DisklessStep,
  packages: PackagesStep,
  review: ReviewStep,
};

export function CurrentStep() {
  const step = useAppStore((s) => s.wizard.step);
  const View = VIEWS[step];
  return <View key={step} />;
}
