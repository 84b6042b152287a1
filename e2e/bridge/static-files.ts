import type { ServerResponse } from 'node:http';
import { APP_HOST, APP_SCHEME, serveAppRequest } from '../../electron/app-protocol';
import type { Log } from '../../electron/log';

/**
 * Serves the built renderer by asking the app's own app:// handler for the
 * same path, so the journeys load exactly what Electron is given: the same
 * files, refusals, content types and headers (the Content-Security-Policy
 * of electron/csp.ts among them).
 */
export async function serveStatic(root: string, request: { path: string; method: string }, response: ServerResponse, log: Pick<Log, 'warn'>): Promise<void> {
  const answer = await serveAppRequest(root, { url: `${APP_SCHEME}://${APP_HOST}${request.path}`, method: request.method }, log);
  response.writeHead(answer.status, Object.fromEntries(answer.headers)).end(Buffer.from(await answer.arrayBuffer()));
}
