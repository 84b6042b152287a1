import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { quote } from '../../shared/shell';
import { STAND_IN_TOOLS, type StandInControl, type StandInRecord, type StandInTool } from './stand-ins-types';

const LOG_DIR = 'var/log/cairn-standins';
const CONTROL_FILE = 'etc/cairn-standins/control';

async function readOptional(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return null;
  }
}

const isTool = (name: string): name is StandInTool => (STAND_IN_TOOLS as readonly string[]).includes(name);

function nulFields(text: string | null): string[] {
  if (!text) return [];
  const parts = text.split('\0');
  parts.pop();
  return parts;
}

/** The stand-ins inside one chroot: what they were asked, and how they should behave next. */
export class StandIns {
  constructor(private readonly root: string) {}

  /** Every invocation so far, in the order they started. */
  async records(): Promise<StandInRecord[]> {
    const dir = path.join(this.root, LOG_DIR);
    let names: string[];
    try {
      names = (await readdir(dir)).filter((n) => /^\d+-/.test(n)).sort();
    } catch {
      return [];
    }
    const records: StandInRecord[] = [];
    for (const name of names) {
      const [seq = '', ...rest] = name.split('-');
      const tool = rest.join('-');
      if (!isTool(tool)) continue;
      const at = (file: string) => readOptional(path.join(dir, name, file));
      const env: Record<string, string> = {};
      for (const pair of nulFields(await at('env'))) {
        const eq = pair.indexOf('=');
        env[pair.slice(0, eq)] = pair.slice(eq + 1);
      }
      const exit = await at('exit');
      const tty = (await at('stdin-tty')) !== null;
      records.push({
        seq: Number(seq),
        tool,
        argv: nulFields(await at('argv')),
        env,
        stdin: tty ? null : ((await at('stdin')) ?? ''),
        stdinLeftOpen: (await at('stdin-open')) !== null,
        exitCode: exit === null ? null : Number(exit.trim()),
        startedAt: Number((await at('time'))?.trim() ?? 0),
        crypt: (await at('crypt'))?.trim() ?? null,
      });
    }
    return records;
  }

  /** The records of one tool. */
  async recordsOf(tool: StandInTool): Promise<StandInRecord[]> {
    return (await this.records()).filter((r) => r.tool === tool);
  }

  async clearRecords(): Promise<void> {
    await rm(path.join(this.root, LOG_DIR), { recursive: true, force: true });
  }

  /** Replaces the whole control file: tools left out behave normally again. */
  async control(control: StandInControl): Promise<void> {
    const lines: string[] = [];
    for (const [tool, c] of Object.entries(control)) {
      if (!c) continue;
      const key = `CAIRN_${tool.toUpperCase().replaceAll('-', '_')}`;
      if (c.mode) lines.push(`${key}_MODE=${quote(c.mode)}`);
      if (c.exitCode !== undefined) lines.push(`${key}_EXIT=${quote(String(c.exitCode))}`);
      if (c.lineDelayMs) lines.push(`${key}_DELAY=${quote((c.lineDelayMs / 1000).toFixed(3))}`);
      if (c.startDelayMs) lines.push(`${key}_WAIT=${quote((c.startDelayMs / 1000).toFixed(3))}`);
      if (c.errorLine !== undefined) lines.push(`${key}_ERROR=${quote(c.errorLine)}`);
    }
    const file = path.join(this.root, CONTROL_FILE);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, lines.join('\n') + '\n');
  }
}
