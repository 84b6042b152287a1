// @vitest-environment jsdom
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { scriptedDialogs } from '../../../../electron/services.test-support';
import { templateById } from '../../../../shared/profile';
import { openStep, renderApp } from '../../test-support/render-app.test-support';
import { renderShell } from '../../targets/render-shell.test-support';

const whatNext = () => screen.getByRole('group', { name: 'What next' });
let scratch = '';
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

describe('Export to Ansible…', () => {
  it('saves the profile, writes the playbook into the folder chosen, and says where', async () => {
    scratch = mkdtempSync(join(tmpdir(), 'cairn-export-ui-'));
    const folder = join(scratch, 'playbook');
    const { user, store, h } = await renderShell({ dialogs: scriptedDialogs({ open: folder }).dialogs });
    act(() => store.getState().wizard.replace(templateById('diskless-iot')!.make(), { id: null, pristine: false }));
    await openStep(user, 'Review');
    await user.click(within(whatNext()).getByRole('button', { name: 'Export to Ansible…' }));
    await waitFor(() =>
      expect(store.getState().ui.announcement?.text).toMatch(
        new RegExp(`^Ansible playbook written to ${folder} for iot; \\d+ things it cannot express are listed at the top of site.yml\\.$`),
      ),
    );
    expect(store.getState().ui.announcement?.tone).toBe('ok');
    expect((await h.services.profiles.list()).profiles.map((p) => p.name)).toEqual(['Diskless IoT board']);
    expect(readFileSync(join(folder, 'site.yml'), 'utf8')).toContain('Bring the boxes to the profile');
    expect(existsSync(join(folder, 'files', 'answers-iot'))).toBe(true);
  });

  it('is not offered without the desktop shell, where nothing can write a folder', async () => {
    const { user } = renderApp({ profile: templateById('vm')!.make() });
    await openStep(user, 'Review');
    expect(within(whatNext()).queryByRole('button', { name: 'Export to Ansible…' })).toBeNull();
    expect(within(whatNext()).getByRole('button', { name: 'Save answer file…' })).toBeInTheDocument();
  });
});
