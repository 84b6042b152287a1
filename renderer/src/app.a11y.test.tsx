// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { defaultProfile } from '../../shared/profile/defaults';
import { openStep, renderApp, seriousViolations, stepButton } from './test-support/render-app.test-support';
import { STEPS } from './wizard/step-catalogue';

// The step on screen is the first region (its subsections and the import report come after).
const stepTitle = () => within(screen.getAllByRole('region')[0] as HTMLElement).getAllByRole('heading', { level: 2 })[0]?.textContent ?? '';

// A profile that shows the most controls: static addressing, wifi, a data
// disk with advanced settings, packages and services with problems.
const busy = () => {
  const p = defaultProfile();
  return {
    ...p,
    interfaces: [{ ...p.interfaces[0]!, ipv4: { mode: 'static' as const, address: '10.0.0.2', prefix: 24, gateway: '' }, wifi: { ssid: 'home', passphrase: 'x' } }],
    apkRepos: { mode: 'urls' as const, urls: ['not a url'], community: true },
    disk: { ...p.disk, mode: 'data' as const, disks: ['/dev/sda', 'sdb'], kernelOptions: 'bad"quote' },
    diskless: { lbuMedia: null, apkCacheDir: null },
    packages: ['htop', 'nosuchpackagehere'],
    services: [{ name: 'nginx', runlevel: 'default' as const }],
  };
};

describe('accessibility', () => {
  it('every step of the wizard has no serious or critical axe violation', async () => {
    const { user, container } = renderApp({ profile: busy() });
    const found: string[] = [];
    for (const step of STEPS) {
      await openStep(user, step.title);
      found.push(...(await seriousViolations(container)).map((v) => `${step.title}: ${v}`));
    }
    expect(found).toEqual([]);
  });

  it('dialogs have no serious or critical axe violation', async () => {
    const { user } = renderApp();
    for (const opener of ['New…', 'Open…', 'Import answer file…']) {
      await user.click(screen.getByRole('button', { name: opener }));
      await screen.findByRole('dialog');
      expect(await seriousViolations(document.body)).toEqual([]);
      await user.keyboard('{Escape}');
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
      expect(screen.getByRole('button', { name: opener })).toHaveFocus();
    }
  });

  it('the stepper is one Tab stop; arrows, Home and End move, Enter opens the step and focuses its first control', async () => {
    const { user } = renderApp();
    stepButton('Keyboard').focus();
    await user.keyboard('{ArrowDown}');
    expect(stepButton('Hostname')).toHaveFocus();
    expect(stepButton('Hostname')).toHaveAttribute('tabindex', '-1');
    await user.keyboard('{End}');
    expect(stepButton('Review')).toHaveFocus();
    await user.keyboard('{Home}{ArrowUp}');
    expect(stepButton('Review')).toHaveFocus();
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    expect(screen.getByRole('heading', { level: 2, name: 'Hostname' })).toBeInTheDocument();
    expect(stepButton('Hostname')).toHaveAttribute('aria-current', 'step');
    expect(stepButton('Hostname')).toHaveAttribute('tabindex', '0');
    expect(screen.getByRole('textbox', { name: 'Hostname' })).toHaveFocus();
  });

  it('marks steps with problems in the stepper in words, not only colour', () => {
    renderApp({ profile: { ...defaultProfile(), hostname: '' } });
    expect(stepButton('Hostname')).toHaveAccessibleName(/Hostname\s*\(has errors\)/);
  });

  it('Back and Next walk the steps in setup-alpine order', async () => {
    const { user } = renderApp();
    const titles: string[] = [];
    for (let n = 0; n < STEPS.length - 1; n++) {
      titles.push(stepTitle());
      await user.click(screen.getByRole('button', { name: /^Next:/ }));
    }
    titles.push(stepTitle());
    expect(titles).toEqual(STEPS.map((s) => s.title));
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.getByRole('heading', { level: 2, name: 'Packages & services' })).toBeInTheDocument();
  });

  it('the Review step lists every problem with a way to its field', async () => {
    const { user } = renderApp({ profile: { ...defaultProfile(), hostname: 'bad host', proxy: 'nope' } });
    await openStep(user, 'Review');
    expect(screen.getByText('3 errors must be fixed before this profile can be used.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Go to Proxy' }));
    expect(screen.getByRole('textbox', { name: 'Proxy URL (optional)' })).toHaveFocus();
  });
});
