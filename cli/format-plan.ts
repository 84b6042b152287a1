import type { Step } from '../shared/plan';

function flags(step: Step): string[] {
  const out: string[] = [step.duration];
  if (step.detached) out.push('stdin closed');
  if (step.always) out.push('runs even after a failure');
  if (step.disconnects) out.push('ends the connection');
  if (step.destructive) out.push(`DESTRUCTIVE: erases ${step.erases.join(' ')}`);
  return out;
}

/** The steps as numbered text. Standard input is never shown: it carries password hashes. */
export function formatPlan(steps: readonly Step[]): string {
  return steps
    .map((step, n) => {
      const lines = [`${n + 1}. ${step.title} [${step.id}]`];
      if (step.upload) lines.push(`   uploads ${step.upload.path} (mode ${step.upload.mode.toString(8).padStart(4, '0')})`);
      lines.push(`   $ ${step.command}`);
      if (step.stdin !== undefined) lines.push('   reads standard input (not shown: it holds a secret)');
      lines.push(`   ${flags(step).join(', ')}`);
      return `${lines.join('\n')}\n`;
    })
    .join('');
}
