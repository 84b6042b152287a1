import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { MAX_TEXT_FILE_BYTES, type FileFilter } from '../../shared/api/files';
import { fail, ok } from '../../shared/api/result';
import { writeFileAtomic } from '../store/atomic-write';
import type { DomainHandlers } from './types';

/** Electron's `dialog` bound to the window (main.ts); a stand-in in tests. */
export interface DialogService {
  showSaveDialog(options: { title?: string; defaultPath: string; filters: FileFilter[] }): Promise<{ canceled: boolean; filePath?: string }>;
  showOpenDialog(options: { title?: string; filters: FileFilter[]; properties: Array<'openFile' | 'openDirectory'> }): Promise<{ canceled: boolean; filePaths: string[] }>;
}

const titled = (title: string | undefined) => (title === undefined ? {} : { title });

export const fileHandlers = (dialogs: DialogService): DomainHandlers<'files'> => ({
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
