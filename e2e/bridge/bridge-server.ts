import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dispatch, type HandlerTable } from '../../electron/ipc';
import type { Log } from '../../electron/log';
import type { Result } from '../../shared/api/result';
import type { EventStream } from './event-stream';
import { serveStatic } from './static-files';

/** One request the page sent through `window.cairn`, and what the real handler answered. */
export interface RecordedRequest {
  channel: string;
  payload: unknown;
  result: Result<unknown>;
}

export interface BridgeServerOptions {
  /** 0 picks a free port; a restart passes the previous one so the page's URL stays the same. */
  port: number;
  rendererDir: string;
  table: HandlerTable;
  log: Log;
  events: EventStream;
  record: (request: RecordedRequest) => void;
}

export interface BridgeServer {
  readonly origin: string;
  readonly port: number;
  stop(): Promise<void>;
}

const CHANNEL_PATH = /^\/cairn\/([^/?#]+)$/;
const MAX_BODY_BYTES = 16 * 1024 * 1024;

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('The request body is larger than 16 MB.');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : JSON.parse(text);
}

const sendText = (response: ServerResponse, status: number, text: string) => response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(text);

/**
 * The journeys' stand-in for Electron's IPC: a same-origin HTTP server on
 * 127.0.0.1 that serves the built renderer, answers `POST /cairn/<channel>`
 * with the real dispatch() over the real handler table, and streams events
 * on `GET /cairn-events`. Like registerIpc's sender check, it answers only
 * requests from its own origin.
 */
export async function startBridgeServer(options: BridgeServerOptions): Promise<BridgeServer> {
  const { rendererDir, table, log, events, record } = options;
  let origin = '';

  const answer = async (request: IncomingMessage, response: ServerResponse, channel: string) => {
    if (request.headers.origin !== origin) {
      sendText(response, 403, `Only ${origin} may call the bridge.`);
      return;
    }
    let payload: unknown;
    try {
      payload = await readJson(request);
    } catch (e) {
      sendText(response, 400, `The request body is not JSON: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    const result = await dispatch(table, channel, payload, { sender: request.headers.referer ?? origin, log });
    record({ channel, payload, result });
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(result));
  };

  const route = async (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', origin).pathname;
    const call = CHANNEL_PATH.exec(path);
    if (call && request.method === 'POST') return answer(request, response, decodeURIComponent(call[1] ?? ''));
    if (path === '/cairn-events' && request.method === 'GET') return events.accept(request, response);
    if (request.method === 'GET' || request.method === 'HEAD') return serveStatic(rendererDir, { path, method: request.method }, response, log);
    return sendText(response, 405, `${request.method ?? 'This method'} is not served here.`);
  };

  const server: Server = createServer((request, response) => {
    route(request, response).catch((e: unknown) => {
      log.error('journey bridge: a request failed', e);
      if (!response.headersSent) sendText(response, 500, 'The journey bridge failed; see the log in the userData directory.');
      else response.end();
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    port,
    stop: async () => {
      events.close();
      server.closeAllConnections();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
    },
  };
}
