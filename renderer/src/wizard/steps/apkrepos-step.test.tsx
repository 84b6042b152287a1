// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { openStep, renderApp, stepStatus } from '../../test-support/render-app.test-support';

describe('APK mirror step', () => {
  it('asks for a repository URL when explicit URLs are chosen and names a bad one', async () => {
    const { user } = renderApp();
    await openStep(user, 'APK mirror');
    await user.click(screen.getByRole('radio', { name: 'Explicit repository URLs' }));
    const urls = screen.getByRole('textbox', { name: 'Repository URLs' });
    expect(urls).toHaveAccessibleDescription(expect.stringMatching(/Add at least one repository URL/));
    await user.type(urls, 'mirror dot lan');
    expect(urls).toHaveAccessibleDescription(expect.stringMatching(/Entry 1: "mirror dot lan" is not a repository URL/));
    expect(stepStatus('APK mirror')).toBe('error');
  });
});
