import type { ResponseOf } from '../../../../shared/api/channels';
import type { CairnClient } from '../../../../shared/api/client';
import { describeError } from '../../../../shared/api/error-sentences';
import type { Batch } from '../../../../shared/batch/row';
import { useCairnClient } from '../../client/cairn-client-context';
import { useAppStore } from '../../store/store-context';

/** What an Ansible export ended with, as one sentence and its tone. */
export async function exportToAnsible(client: CairnClient, profileId: string, batch?: Batch): Promise<{ tone: 'ok' | 'error' | 'info'; text: string }> {
  const done = await client.invoke('files:export-ansible', batch === undefined ? { profileId } : { profileId, batch });
  if (!done.ok) return { tone: 'error', text: `The Ansible playbook was not written: ${describeError(done.error)}` };
  if (!done.value.exported) return { tone: 'info', text: 'The Ansible playbook was not written.' };
  return { tone: 'ok', text: writtenText(done.value) };
}

function writtenText(v: Extract<ResponseOf<'files:export-ansible'>, { exported: true }>): string {
  const left = v.notExpressed.length;
  return `Ansible playbook written to ${v.folder} for ${v.boxes.join(', ')}${left === 0 ? '.' : `; ${left} thing${left === 1 ? '' : 's'} it cannot express ${left === 1 ? 'is' : 'are'} listed at the top of site.yml.`}`;
}

/** Export → Ansible from the wizard: the saved profile (saved first by `saveFirst`); null without the desktop shell. */
export function useExportAnsible(saveFirst: () => Promise<string | null>): (() => void) | null {
  const client = useCairnClient();
  const announce = useAppStore((s) => s.ui.announce);
  if (client === null) return null;
  return () =>
    void saveFirst().then(async (id) => {
      if (id === null) return;
      const { tone, text } = await exportToAnsible(client, id);
      announce(text, tone);
    });
}
