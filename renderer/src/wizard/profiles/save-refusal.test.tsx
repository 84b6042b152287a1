// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { defaultProfile } from '../../../../shared/profile';
import { renderShell } from '../../targets/render-shell.test-support';

// Saving through the real profiles handler: a refusal about one field is
// shown by that field, once, and the notice area says it failed.
describe('a refused save', () => {
  it('shows a name already taken by the name field, until the name changes', async () => {
    const { user, store, h } = await renderShell({ seed: async (h) => void (await h.services.profiles.save({ ...defaultProfile(), name: 'Shed' })) });
    const name = screen.getByRole('textbox', { name: 'Profile name' });
    await user.clear(name);
    await user.type(name, 'Shed');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(name).toHaveAccessibleDescription(expect.stringContaining('A profile named "Shed" already exists; choose another name.')));
    expect(name).toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => expect(name).toHaveFocus());
    // The app's notice area, in the app header (the step has a header of its own).
    const status = within(document.querySelector('.app-header') as HTMLElement).getByRole('status');
    expect(status).toHaveAttribute('data-tone', 'error');
    expect(status).toHaveTextContent('“Shed” was not saved');
    expect(store.getState().wizard.profileId).toBeNull();

    await user.type(name, ' 2');
    expect(name).not.toHaveAccessibleDescription(expect.stringContaining('already exists'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(status).toHaveTextContent('Saved “Shed 2”.'));
    expect(status).toHaveAttribute('data-tone', 'ok');
    expect((await h.services.profiles.list()).profiles.map((p) => p.name).sort()).toEqual(['Shed', 'Shed 2']);
  });
});
