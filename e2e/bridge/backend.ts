import { join } from 'node:path';
import type { EmitEvent } from '../../electron/ipc';
import { createServices } from '../../electron/services';
import { fakeSafeStorage } from '../../electron/services.test-support';
import type { StorePaths } from '../../electron/store';
import { startBridgeServer, type BridgeServer, type RecordedRequest } from './bridge-server';
import { createEventStream, type EventStream } from './event-stream';
import { recordingDialogs, type RecordingDialogs } from './recording-dialogs';

export interface Backend {
  /** http://127.0.0.1:PORT: the app is at `${url}/`; stays the same across restarts. */
  readonly url: string;
  readonly userData: string;
  readonly paths: StorePaths;
  /** The native dialogs' stand-in: set the path the person "chooses", read what was asked. */
  readonly dialogs: RecordingDialogs;
  /** Every request the page sent, in order, across restarts, with the real handler's answer. */
  requests(): RecordedRequest[];
  /** Requests on one channel, payloads only. */
  payloadsOf(channel: string): unknown[];
  /** Sends an event to the page as the main process would (checked against the contract). */
  emit: EmitEvent;
  /** How many pages hold the event stream open. */
  eventConnections(): number;
  /** Stops the server and the handler table, and starts new ones over the same userData directory and port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

interface Running {
  server: BridgeServer;
  events: EventStream;
  emit: EmitEvent;
  paths: StorePaths;
}

/**
 * The main process of one journey: the real handler table over a userData
 * directory the journey owns, behind the HTTP bridge. Restarting builds
 * everything again from disk, as relaunching Cairn would; nothing survives in
 * memory but the request record and the dialog stand-in.
 */
export async function startBackend(options: { userData: string; rendererDir: string }): Promise<Backend> {
  const { userData, rendererDir } = options;
  const dialogs = recordingDialogs();
  const recorded: RecordedRequest[] = [];

  const boot = async (port: number): Promise<Running> => {
    const events = createEventStream();
    // As electron/setup-ipc.ts builds them, over the journey's userData. Only
    // safeStorage (the keychain) and the native dialogs are stand-ins: neither
    // exists outside Electron.
    const { store, log, table, emit } = await createServices({
      userData,
      safeStorage: fakeSafeStorage(),
      dialogs: dialogs.service,
      // Never the tester's own ~/.ssh/config: a journey that imports one writes it here.
      sshConfig: { path: join(userData, 'ssh-config'), homeDir: userData, localUser: 'journey' },
      app: { name: 'Cairn', version: '0.0.0-journey' },
      log: { level: 'debug' },
      send: events.send,
      ownsRuns: true,
    });
    const server = await startBridgeServer({ port, rendererDir, table, log, events, record: (r) => recorded.push(r) });
    return { server, events, emit, paths: store.paths };
  };

  let running: Running | null = await boot(0);
  const port = running.server.port;
  const current = (): Running => {
    if (running === null) throw new Error('The journey backend is stopped; restart() failed or stop() was called.');
    return running;
  };

  return {
    url: running.server.origin,
    userData,
    paths: running.paths,
    dialogs,
    requests: () => structuredClone(recorded),
    payloadsOf: (channel) => recorded.filter((r) => r.channel === channel).map((r) => structuredClone(r.payload)),
    emit: (event, payload) => current().emit(event, payload),
    eventConnections: () => current().events.connections(),
    restart: async () => {
      const old = current();
      running = null;
      await old.server.stop();
      running = await boot(port);
    },
    stop: async () => {
      const old = running;
      running = null;
      await old?.server.stop();
    },
  };
}
