import { ok } from '../../shared/api/result';
import type { BootMediaService } from '../bootmedia/prepare';
import type { DialogService } from './file-handlers';
import type { DomainHandlers } from './types';

export const bootMediaHandlers = (bootMedia: BootMediaService, dialogs: DialogService): DomainHandlers<'bootmedia'> => ({
  'bootmedia:choose-folder': async () => {
    const chosen = await dialogs.showOpenDialog({ title: 'Choose the mounted boot medium', filters: [], properties: ['openDirectory'] });
    const folder = chosen.filePaths[0];
    return ok(chosen.canceled || folder === undefined ? { chosen: false as const } : { chosen: true as const, folder });
  },
  'bootmedia:inspect': async ({ folder, medium }) => ok(await bootMedia.inspect(folder, medium)),
  'bootmedia:prepare': (request) => bootMedia.prepare(request),
  'bootmedia:prepare-batch': ({ folder, ...request }) =>
    bootMedia.prepareBatch(request, async () => {
      if (folder !== undefined) return folder;
      const chosen = await dialogs.showOpenDialog({ title: 'Choose a folder for the boxes’ overlays', filters: [], properties: ['openDirectory'] });
      return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
    }),
});
