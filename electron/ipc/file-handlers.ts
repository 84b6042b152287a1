import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { MAX_TEXT_FILE_BYTES, type FileFilter } from '../../shared/api/files';
import { fail, ok } from '../../shared/api/result';
import type { AnsibleExporter } from '../export/ansible-export';
import { writeFileAtomic } from '../store/atomic-write';
import type { DomainHandlers } from './types';

/** Electron's `dialog` bound to the window (main.ts); a stand-in in tests. */
export interface DialogService {
  showSaveDialog(options: { title?: string; defaultPath: string; filters: FileFilter[] }): Promise<{ canceled: boolean; filePath?: string }>;
  showOpenDialog(options: { title?: string; filters: FileFilter[]; properties: Array<'openFile' | 'openDirectory'> }): Promise<{ canceled: boolean; filePaths: string[] }>;
}

const titled = (title: string | undefined) => (title === undefined ? {} : { title });

export const fileHandlers = (dialogs: DialogService): Omit<DomainHandlers<'files'>, 'files:export-ansible'> => ({
  'files:save-text': async ({ title, suggestedName, text, filters }) => {
    const chosen = await dialogs.showSaveDialog({ ...titled(title), defaultPath: suggestedName, filters });
    if (chosen.canceled || chosen.filePath === undefined || chosen.filePath === '') return ok({ saved: false as const });
    // An answer file carries password hashes and the wifi passphrase: readable by its owner only.
    await writeFileAtomic(chosen.filePath, text, 0o600);
    return ok({ saved: true as const, path: chosen.filePath });
  },
  'files:open-text': async ({ title, filters }) => {
    const chosen = await dialogs.showOpenDialog({ ...titled(title), filters, properties: ['openFile'] });
    const path = chosen.filePaths[0];
    if (chosen.canceled || path === undefined) return ok({ opened: false as const });
    if ((await stat(path)).size > MAX_TEXT_FILE_BYTES) {
      return fail('io-failed', `${basename(path)} is larger than 10 MB; that is too large for a profile or answer file.`);
    }
    const bytes = await readFile(path);
    if (bytes.includes(0)) return fail('invalid-input', `${basename(path)} is not a text file; choose a profile or answer file.`);
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    return ok({ opened: true as const, path, name: basename(path), text });
  },
});

/** Export → Ansible: the person picks the folder, the export service resolves the targets and writes it. */
export const ansibleExportHandlers = (dialogs: DialogService, exporter: AnsibleExporter): Pick<DomainHandlers<'files'>, 'files:export-ansible'> => ({
  'files:export-ansible': async ({ profileId, batch }) => {
    const chosen = await dialogs.showOpenDialog({ title: 'Choose an empty folder for the Ansible playbook', filters: [], properties: ['openDirectory'] });
    const folder = chosen.filePaths[0];
    if (chosen.canceled || folder === undefined) return ok({ exported: false as const });
    const done = await exporter.export({ profileId, batch: batch ?? null, folder });
    return done.ok ? ok({ exported: true as const, ...done.value }) : done;
  },
});
