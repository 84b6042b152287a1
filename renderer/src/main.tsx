import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { CairnClientProvider } from './client/cairn-client-context';
import { bridgedClient, ipcProfilesClient } from './client/ipc-profiles-client';
import { loadEngine } from './engine/load-engine';
import { Root } from './root';
import { isFirstRun, markStartPageShown } from './start/first-run';
import { createAppStore } from './store/create-store';
import './styles/theme.css';
import './styles/layout.css';
import './styles/controls.css';
import './styles/lists.css';
import './targets/targets.css';
import './start/start.css';

// zod probes `new Function` for speed; the CSP forbids it, so skip the probe.
z.config({ jitless: true });

const store = createAppStore();
// The first launch opens on the start page; later ones go straight to work.
if (isFirstRun()) {
  store.getState().ui.setScreen('start');
  markStartPageShown();
}
// Inside Cairn (or a journey bridged to the real handlers) the main process
// keeps the profiles; a plain browser tab has none, and the wizard says so.
const ipc = bridgedClient();
const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');
createRoot(container).render(
  <CairnClientProvider client={ipc}>
    <Root store={store} client={ipcProfilesClient(ipc)} />
  </CairnClientProvider>,
);

// The form paints first; problems, preview and catalogues follow with the
// engine, and App marks the page "loaded" once they are on screen.
loadEngine().then(
  (engine) => store.getState().ui.setEngine(engine),
  (e: unknown) => {
    document.body.dataset.appState = 'failed';
    store.getState().ui.announce(`Cairn could not load its checks: ${e instanceof Error ? e.message : String(e)}`, 'error');
  },
);
