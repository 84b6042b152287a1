import { targetInputSchema, type AuthMethod, type Target, type TargetInput } from '../../../shared/api/targets';
import { formatJumpLine, parseJumpLine } from '../../../shared/targets/jump-spec';

/** The form's text as typed; secrets are not here (they stay in their inputs until sent to the main process). */
export interface TargetFormValues {
  name: string;
  host: string;
  port: string;
  user: string;
  auth: AuthMethod;
  keyPath: string;
  /** Jump hosts as ProxyJump writes them: `ops@gw:2022, 10.0.0.1`. */
  jump: string;
  tags: string;
}

export type TargetFormField = keyof TargetFormValues;

export const AUTH_LABELS: Record<AuthMethod, { title: string; description: string }> = {
  agent: { title: 'SSH agent', description: 'The keys loaded in your running ssh-agent.' },
  key: { title: 'Key file', description: 'A private key file on this computer, with its passphrase if it has one.' },
  password: { title: 'Password', description: 'The login’s password, kept by Cairn’s secret store.' },
  'keyboard-interactive': { title: 'Keyboard-interactive', description: 'The server’s own prompts, answered with the stored password.' },
};

export const emptyForm = (): TargetFormValues => ({ name: '', host: '', port: '22', user: 'root', auth: 'key', keyPath: '~/.ssh/id_ed25519', jump: '', tags: '' });

export const formOf = (t: Target): TargetFormValues => ({
  name: t.name,
  host: t.host,
  port: String(t.port),
  user: t.user,
  auth: t.auth,
  keyPath: t.keyPath ?? '',
  jump: formatJumpLine(t.jump ?? []),
  tags: t.tags.join(', '),
});

// Where the schema's own wording is for programmers, the form says it for people.
const FIXED_MESSAGES: Partial<Record<TargetFormField, string>> = {
  keyPath: 'Choose the private key file to log in with, or pick another login method.',
  tags: 'Separate tags with commas; keep each under 40 characters and use at most 20.',
};

const FIELDS: readonly TargetFormField[] = ['name', 'host', 'port', 'user', 'auth', 'keyPath', 'jump', 'tags'];
const isFormField = (f: unknown): f is TargetFormField => typeof f === 'string' && (FIELDS as readonly string[]).includes(f);

const splitTags = (text: string) =>
  text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');

/** The target to save, or the message to show beside each field at fault. */
export function checkForm(values: TargetFormValues, id: string | null): { ok: true; target: TargetInput } | { ok: false; problems: Partial<Record<TargetFormField, string>> } {
  const port = /^\s*\d+\s*$/.test(values.port) ? Number(values.port) : Number.NaN;
  // Hops without a user log in as the target's user, as ssh does with ProxyJump.
  const jump = parseJumpLine(values.jump, values.user.trim() || 'root');
  if (!jump.ok) return { ok: false, problems: { jump: jump.message } };
  const draft = {
    ...(id === null ? {} : { id }),
    name: values.name,
    host: values.host,
    port,
    user: values.user,
    auth: values.auth,
    ...(values.auth === 'key' ? { keyPath: values.keyPath.trim() } : {}),
    ...(jump.hops.length === 0 ? {} : { jump: jump.hops }),
    tags: splitTags(values.tags),
  };
  const parsed = targetInputSchema.safeParse(draft);
  if (parsed.success) return { ok: true, target: parsed.data };
  const problems: Partial<Record<TargetFormField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (isFormField(field)) problems[field] ??= FIXED_MESSAGES[field] ?? issue.message;
  }
  return { ok: false, problems };
}

/** A refusal from the main process names its field as `target.name`; the form shows it beside that field. */
export function fieldOfRefusal(field: string | undefined, message: string): { field: TargetFormField | null; message: string } {
  const local = field?.replace(/^target\./, '').split('.')[0];
  const shown = field === undefined ? message : message.replace(`${field}: `, '');
  return { field: isFormField(local) ? local : null, message: shown };
}
