import { readFile } from 'node:fs/promises';
import { main } from './main';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

const INTERRUPTED = 130;

/**
 * Ctrl-C while a command has asked to hear it: the first one goes to the
 * command (which stops its runs as the app's Stop does), a second one quits
 * at once. Without a listener Node's default applies and the process ends.
 */
function onInterrupt(handler: () => void): () => void {
  let heard = false;
  const listener = () => {
    if (heard) process.exit(INTERRUPTED);
    heard = true;
    handler();
  };
  process.on('SIGINT', listener);
  return () => void process.off('SIGINT', listener);
}

const code = await main(process.argv.slice(2), {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  readFile: (path) => (path === '-' ? readStdin() : readFile(path, 'utf8')),
  env: process.env,
  onInterrupt,
});
process.exitCode = code;
// The answer is given: a connection or timer something left open must not keep the command from ending.
setTimeout(() => process.exit(code), 2000).unref();
