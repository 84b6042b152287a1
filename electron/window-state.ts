import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from './store';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

const DEFAULT: WindowState = { width: 1280, height: 820, maximized: false };
const MIN = { width: 900, height: 600 };

/**
 * The remembered window, made to fit the displays there are now: a monitor
 * that was unplugged must not leave the window off-screen.
 */
export function fitToDisplays(saved: Partial<WindowState> | null, displays: readonly Area[]): WindowState {
  if (!saved || typeof saved.width !== 'number' || typeof saved.height !== 'number') return DEFAULT;
  const width = Math.max(MIN.width, Math.round(saved.width));
  const height = Math.max(MIN.height, Math.round(saved.height));
  const maximized = saved.maximized === true;
  const { x, y } = saved;
  if (typeof x !== 'number' || typeof y !== 'number') return { width, height, maximized };
  const visible = displays.some((d) => x + 100 <= d.x + d.width && x + width - 100 >= d.x && y >= d.y && y + 40 <= d.y + d.height);
  return visible ? { x: Math.round(x), y: Math.round(y), width, height, maximized } : { width, height, maximized };
}

export async function loadWindowState(file: string, displays: readonly Area[]): Promise<WindowState> {
  try {
    return fitToDisplays(JSON.parse(await readFile(file, 'utf8')) as Partial<WindowState>, displays);
  } catch {
    // Missing or unreadable: the default size is the right answer, not an error.
    return DEFAULT;
  }
}

export const saveWindowState = (file: string, state: WindowState): Promise<void> => writeFileAtomic(file, `${JSON.stringify(state)}\n`);
