import { z } from 'zod';
import { batchSchema } from '../batch/schema';
import { channel } from './channel';
import { idSchema } from './result';

/** What an export wrote: the folder, its files (relative), the inventory's hosts, and what the playbook could not express. */
export const ansibleExportedSchema = z.object({
  folder: z.string(),
  files: z.array(z.string()),
  boxes: z.array(z.string()),
  notExpressed: z.array(z.string()),
});
export type AnsibleExportedInfo = z.infer<typeof ansibleExportedSchema>;

export const exportChannels = {
  /**
   * Asks for a folder with the system dialog, then writes the saved profile
   * (and a batch of boxes, each row's target resolved as a batch run does) as
   * an Ansible inventory and playbook there. No secret is written; a folder
   * that already holds files is refused.
   */
  'files:export-ansible': channel(
    z.object({ profileId: idSchema, batch: batchSchema.optional() }),
    z.discriminatedUnion('exported', [z.object({ exported: z.literal(false) }), ansibleExportedSchema.extend({ exported: z.literal(true) })]),
  ),
};
