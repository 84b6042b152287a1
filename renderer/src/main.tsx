import { createRoot } from 'react-dom/client';
import { browserProfilesClient } from './client/profiles-client';
import { loadEngine } from './engine/load-engine';
import { Root } from './root';
import { createAppStore } from './store/create-store';
import './styles/theme.css';
import './styles/layout.css';
import './styles/controls.css';
import './styles/lists.css';

const store = createAppStore();
const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');
createRoot(container).render(<Root store={store} client={browserProfilesClient()} />);

// The form paints first; problems, preview and catalogues follow with the
// engine, and App marks the page "loaded" once they are on screen.
loadEngine().then(
  (engine) => store.getState().ui.setEngine(engine),
  (e: unknown) => {
    document.body.dataset.appState = 'failed';
    store.getState().ui.announce(`Cairn could not load its checks: ${e instanceof Error ? e.message : String(e)}`);
  },
);
