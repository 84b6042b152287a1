import type { Report } from './problems';
import type { Profile } from './schema';

export function checkSshd(p: Profile, report: Report): void {
  if (p.sshd === 'none') report('sshd', 'Without an SSH server Cairn cannot manage this box after the install.', 'warning');
  if (p.sshd === 'none' && p.rootSshKeys.length > 0) report('rootSshKeys', 'A root SSH key has no effect without an SSH server.', 'warning');
}
