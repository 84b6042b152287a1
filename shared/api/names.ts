// Every channel and event name, and nothing else: the preload imports this file
// (not the zod schemas) so the bridge stays small. channels.ts checks that its
// schema table has exactly these keys.

export const CHANNEL_NAMES = [
  'profiles:list',
  'profiles:get',
  'profiles:save',
  'profiles:remove',
  'profiles:duplicate',
  'targets:list',
  'targets:save',
  'targets:remove',
  'targets:import-ssh-config',
  'targets:test-connection',
  'knownHosts:list',
  'knownHosts:remove',
  'knownHosts:accept',
  'secrets:set',
  'secrets:clear',
  'secrets:status',
  'secrets:hash-password',
  'files:save-text',
  'files:open-text',
  'files:export-ansible',
  'runs:plan',
  'runs:start',
  'runs:cancel',
  'runs:list',
  'runs:get',
  'runs:retry-failed',
  'runs:check-batch',
  'runs:start-batch',
  'boxes:facts',
  'boxes:refresh',
  'boxes:services',
  'boxes:service-action',
  'boxes:runlevel-action',
  'boxes:packages',
  'boxes:upgradable',
  'boxes:add-packages',
  'boxes:remove-packages',
  'boxes:upgrade',
  'boxes:lbu-status',
  'boxes:lbu-diff',
  'boxes:lbu-commit',
  'boxes:lbu-backups',
  'boxes:power',
  'boxes:drift',
  'boxes:apply-drift',
  'boxes:cancel',
  'bootmedia:choose-folder',
  'bootmedia:inspect',
  'bootmedia:prepare',
  'bootmedia:prepare-batch',
  'discover:networks',
  'discover:scan',
  'discover:cancel',
  'app:info',
] as const;

export type ChannelName = (typeof CHANNEL_NAMES)[number];

/** Events streamed from the main process to the window. */
export const EVENT_NAMES = [
  'run.output',
  'run.step',
  'run.progress',
  'run.preflight',
  'run.done',
  'boxes.facts',
  'boxes.back',
  'boxes.output',
  'discover.progress',
  'menu.command',
] as const;

export type EventName = (typeof EVENT_NAMES)[number];

export const channelNames: readonly ChannelName[] = CHANNEL_NAMES;
export const eventNames: readonly EventName[] = EVENT_NAMES;

export const isChannelName = (s: unknown): s is ChannelName => typeof s === 'string' && (CHANNEL_NAMES as readonly string[]).includes(s);

export const isEventName = (s: unknown): s is EventName => typeof s === 'string' && (EVENT_NAMES as readonly string[]).includes(s);
