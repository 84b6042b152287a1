import type { Page } from '@playwright/test';
import type { AxeResults, ImpactValue } from 'axe-core';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const BLOCKING: readonly ImpactValue[] = ['serious', 'critical'];

export interface Violation {
  rule: string;
  impact: ImpactValue;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core on what the page shows now and returns the serious and
 * critical violations. axe is loaded into the page on first use.
 */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await injectAxe(page);
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<AxeResults> } }).axe;
    const { violations } = await axe.run(document);
    return violations.map((v) => ({ rule: v.id, impact: v.impact ?? 'minor', help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return results.filter((v) => BLOCKING.includes(v.impact));
}

let axeSource: string | null = null;

// A script tag would be inline script, which the app's CSP (script-src 'self')
// rightly refuses; evaluating through the DevTools protocol is the test's own
// access and leaves the page's policy as it is.
async function injectAxe(page: Page): Promise<void> {
  axeSource ??= await readFile(AXE_SCRIPT, 'utf8');
  await page.evaluate(axeSource);
}

/** One line per violation, for an assertion message a person can act on. */
export const describeViolations = (violations: readonly Violation[]): string =>
  violations.map((v) => `${v.impact} ${v.rule}: ${v.help} (${v.targets.slice(0, 3).join(', ')})`).join('\n');
