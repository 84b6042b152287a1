import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventName } from '../../shared/api/names';

/** One message on the stream: the page's bridge hands `payload` to the listeners of `event`. */
export interface StreamMessage {
  event: EventName;
  payload: unknown;
}

export interface EventStream {
  /** Answers `GET /cairn-events`: keeps the response open and writes every later event to it. */
  accept(request: IncomingMessage, response: ServerResponse): void;
  /** Writes an event to every open page: the `send` of createServices, which checks it against the contract first (as in the app). */
  send(event: EventName, payload: unknown): void;
  /** How many pages are listening now. */
  connections(): number;
  /** Ends every stream (the backend going away); the pages' EventSource reconnects by itself. */
  close(): void;
}

/**
 * Server-Sent Events stand in for `webContents.send`: each event the
 * services' typed sender let through is written to every open stream.
 * EventSource is same-origin, so the page's CSP `connect-src 'self'` allows it.
 */
export function createEventStream(): EventStream {
  const open = new Set<ServerResponse>();
  return {
    accept(request, response) {
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      // A short retry, so after a backend restart the page is listening again quickly.
      response.write('retry: 200\n\n');
      open.add(response);
      request.on('close', () => open.delete(response));
    },
    send(event, payload) {
      const message: StreamMessage = { event, payload };
      const frame = `data: ${JSON.stringify(message)}\n\n`;
      for (const response of open) response.write(frame);
    },
    connections: () => open.size,
    close() {
      for (const response of open) response.end();
      open.clear();
    },
  };
}
