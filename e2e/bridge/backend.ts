import type { EmitEvent } from '../../electron/ipc';
import type { StorePaths } from '../../electron/store';
import { createBackendServices } from './backend-services';
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
    // Events from the services go to the page's stream, which needs the log the services make first.
    const to: { stream?: EventStream } = {};
    const { store, log, table } = await createBackendServices(userData, dialogs.service, (event, payload) => to.stream?.emit(event, payload));
    const events = (to.stream = createEventStream(log));
    const server = await startBridgeServer({ port, rendererDir, table, log, events, record: (r) => recorded.push(r) });
    return { server, events, paths: store.paths };
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
    emit: (event, payload) => current().events.emit(event, payload),
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
