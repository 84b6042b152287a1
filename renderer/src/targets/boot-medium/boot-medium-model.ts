import type { RequestOf } from '../../../../shared/api/channels';
import { MEDIA, MEDIUM_KINDS, type MediumKind } from '../../../../shared/bootmedia/media';

/** The form as typed; the port stays text until it is sent, so a half-typed value survives. */
export interface BootMediumValues {
  profileId: string;
  medium: MediumKind;
  folder: string;
  replaceExisting: boolean;
  user: string;
  port: string;
  keyPath: string;
}

export type BootMediumField = keyof BootMediumValues;

const FIELDS: readonly BootMediumField[] = ['profileId', 'medium', 'folder', 'replaceExisting', 'user', 'port', 'keyPath'];
const isField = (f: unknown): f is BootMediumField => typeof f === 'string' && (FIELDS as readonly string[]).includes(f);

/** Element ids, so a refusal can focus the control it is about. */
export const idOf = (field: BootMediumField): string => `boot-medium-${field}`;
export const mediumChoiceId = (kind: MediumKind): string => `${idOf('medium')}-${kind}`;

/** One line under each choice: which medium this is, in the person's words. */
export const MEDIUM_HINTS: Record<MediumKind, string> = {
  'raspberry-pi': 'The FAT partition with Alpine’s Raspberry Pi files (apks/ and boot/).',
  'usb-boot-stick': 'A writable stick made with setup-bootable; the ISO image itself is read-only.',
  'second-stick': 'A small FAT stick that holds only the overlay, plugged in beside the unchanged ISO.',
  'vm-disk': 'A folder you attach to the virtual machine as a small FAT disk.',
};

export const MEDIUM_CHOICES = MEDIUM_KINDS.map((kind) => ({ kind, label: MEDIA[kind].label, hint: MEDIUM_HINTS[kind] }));

export const initialValues = (profileId: string | null): BootMediumValues => ({
  profileId: profileId ?? '',
  medium: 'raspberry-pi',
  folder: '',
  replaceExisting: false,
  user: 'root',
  port: '22',
  keyPath: '',
});

export const PORT_PROBLEM = 'The port is a number from 1 to 65535 (SSH uses 22).';

/** The port as a number, or null when the text is not one SSH could use. */
export function portOf(text: string): number | null {
  if (!/^\s*\d{1,5}\s*$/.test(text)) return null;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : null;
}

/** The request for bootmedia:prepare, or the field that cannot be sent as typed. */
export function requestOf(values: BootMediumValues): { ok: true; request: RequestOf<'bootmedia:prepare'> } | { ok: false; field: BootMediumField; message: string } {
  const port = portOf(values.port);
  if (port === null) return { ok: false, field: 'port', message: PORT_PROBLEM };
  const keyPath = values.keyPath.trim();
  return {
    ok: true,
    request: {
      profileId: values.profileId,
      medium: values.medium,
      folder: values.folder.trim(),
      replaceExisting: values.replaceExisting,
      user: values.user,
      port,
      ...(keyPath === '' ? {} : { keyPath }),
    },
  };
}

/**
 * Which field a refusal of the main process is about: its `field` names the
 * request field. A refusal of the request's shape comes as "field: message";
 * the field's name is dropped since the message is shown beside it.
 */
export function fieldOfRefusal(field: string | undefined, message: string): { field: BootMediumField | null; message: string } {
  const top = field?.split('.')[0];
  const shown = field === undefined ? message : message.replace(`${field}: `, '');
  return { field: isField(top) ? top : null, message: shown };
}
