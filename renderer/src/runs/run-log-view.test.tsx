// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { logFromText } from './run-log';
import { RunLogView, VIRTUALIZE_FROM } from './run-log-view';

afterEach(cleanup);

const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i}\n`).join('');

describe('the log pane', () => {
  it('shows a short log whole, in a named log region, following the end', () => {
    render(<RunLogView log={logFromText(' Keymap\n------\nkeymap us\n')} label="Output of garage" truncatedFrom={0} />);
    const log = screen.getByRole('log', { name: 'Output of garage' });
    expect(within(log).getByText('keymap us')).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Follow new output' })).toBeChecked();
  });

  // jsdom has no scrolling, so following the end of a long log is left to the browser; here, that it is windowed.
  it('puts only the lines in view of a long log in the page', () => {
    const n = VIRTUALIZE_FROM * 20;
    render(<RunLogView log={logFromText(lines(n))} label="Output" truncatedFrom={0} />);
    const shown = within(screen.getByRole('log', { name: 'Output' }))
      .queryAllByText(/^line \d+$/)
      .map((e) => e.textContent);
    expect(shown.length).toBeGreaterThan(10);
    expect(shown.length).toBeLessThan(100);
  });

  it('says when the start of the log is not shown', () => {
    render(<RunLogView log={logFromText('tail\n')} label="Output" truncatedFrom={4096} />);
    expect(screen.getByText(/Earlier output is not shown here/)).toBeInTheDocument();
  });
});
