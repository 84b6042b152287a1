import type { DialogService } from '../../electron/ipc/file-handlers';

/** What a native dialog was asked, in order. */
export type ShownDialog = { kind: 'save'; options: Parameters<DialogService['showSaveDialog']>[0] } | { kind: 'open'; options: Parameters<DialogService['showOpenDialog']>[0] };

/** The path a journey wants "chosen" in the next dialogs; null is the person pressing Cancel. */
export interface DialogAnswers {
  save: string | null;
  open: string | null;
}

export interface RecordingDialogs {
  readonly service: DialogService;
  /** Sets what the next save and open dialogs answer (until changed again). */
  answer(answers: Partial<DialogAnswers>): void;
  /** Every dialog shown so far, with the options the handler passed. */
  shown(): ShownDialog[];
}

/**
 * Stands in for Electron's native file dialogs, which cannot exist in a
 * browser journey: it answers with the path the journey chose and records
 * what it was asked, so a journey can check the title, suggested name and
 * filters the real handler passed. The file itself is written by the real
 * handler, to a real path.
 */
export function recordingDialogs(initial: Partial<DialogAnswers> = {}): RecordingDialogs {
  const answers: DialogAnswers = { save: null, open: null, ...initial };
  const log: ShownDialog[] = [];
  const service: DialogService = {
    showSaveDialog: async (options) => {
      log.push({ kind: 'save', options });
      return answers.save === null ? { canceled: true } : { canceled: false, filePath: answers.save };
    },
    showOpenDialog: async (options) => {
      log.push({ kind: 'open', options });
      return answers.open === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [answers.open] };
    },
  };
  return {
    service,
    answer: (next) => Object.assign(answers, next),
    shown: () => structuredClone(log),
  };
}
