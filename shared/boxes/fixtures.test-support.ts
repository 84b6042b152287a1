import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The text of one file in shared/boxes/fixtures. */
export const fixture = (name: string): string => readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');

/** Its lines, without the empty string after the last newline. */
export const fixtureLines = (name: string): string[] => fixture(name).replace(/\n$/, '').split('\n');
