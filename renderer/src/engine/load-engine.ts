import type { Engine } from './engine';

let loading: Promise<Engine> | undefined;

/** Loads the engine chunk once; later calls share the same promise. */
export function loadEngine(): Promise<Engine> {
  loading ??= import('./engine').then((m) => m.engine);
  return loading;
}
