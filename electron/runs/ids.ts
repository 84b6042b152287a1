import { randomBytes } from 'node:crypto';

/** An id the store accepts as a folder name ([a-z0-9-]), sortable by time. */
export const newId = (prefix: 'run' | 'fleet'): string => `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
