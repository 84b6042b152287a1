import { targetSupport } from './support';

/**
 * Runs once before the integration tests. Without root or the SSH servers
 * they would test nothing, so the run stops here and says why (in CI too,
 * where a silent pass would hide a missing install step).
 */
export default function setup(): void {
  const support = targetSupport();
  if (support.ok) return;
  const why = support.problems.map((p) => `  - ${p}`).join('\n');
  console.error(`The integration tests cannot run on this machine:\n${why}`);
  throw new Error(`Integration tests need real SSH servers and root:\n${why}`);
}
