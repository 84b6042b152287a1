import { lazy, Suspense, useEffect } from 'react';
import { useCairnClient } from './client/cairn-client-context';
import { BoxEventFeed } from './boxes/box-event-feed';
import { StatusAnnouncer } from './components/status-announcer';
import { RunEventFeed } from './runs/run-event-feed';
import { RunsScreen } from './runs/runs-screen';
import { StartScreen } from './start/start-screen';
import type { Screen } from './store/ui-slice';
import { useAppStore } from './store/store-context';
import { TargetsScreen } from './targets/targets-screen';
import { MenuCommandProvider } from './wizard/menu-commands';
import { Wizard } from './wizard/wizard';

// The Boxes screen comes in its own chunk, fetched when it is first opened.
const BoxesScreen = lazy(() => import('./boxes/boxes-screen').then((m) => ({ default: m.BoxesScreen })));

const SCREENS: ReadonlyArray<{ id: Screen; title: string; later?: string }> = [
  { id: 'start', title: 'Start' },
  { id: 'wizard', title: 'Wizard' },
  { id: 'targets', title: 'Targets' },
  { id: 'runs', title: 'Runs' },
  { id: 'boxes', title: 'Boxes' },
];

export function App() {
  const screen = useAppStore((s) => s.ui.screen);
  const setScreen = useAppStore((s) => s.ui.setScreen);
  const current = SCREENS.find((s) => s.id === screen) ?? SCREENS[0];
  const ready = useAppStore((s) => s.ui.engine !== null);
  const client = useCairnClient();
  useEffect(() => {
    // Journeys wait for this: the app is mounted and its checks and preview are showing.
    if (ready) document.body.dataset.appState = 'loaded';
  }, [ready]);
  return (
    <MenuCommandProvider client={client}>
      <RunEventFeed />
      <BoxEventFeed />
      <div className="app">
        <header className="app-header">
          <h1 className="app-title">Cairn</h1>
          <nav aria-label="Screens">
            <ul className="screen-nav">
              {SCREENS.map((s) => (
                <li key={s.id}>
                  <button type="button" className="screen-tab" aria-current={s.id === screen ? 'page' : undefined} onClick={() => setScreen(s.id)}>
                    {s.title}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <StatusAnnouncer />
        </header>
        <main className="app-main">
          {screen === 'start' ? (
            <StartScreen />
          ) : screen === 'wizard' ? (
            <Wizard />
          ) : screen === 'targets' ? (
            <TargetsScreen />
          ) : screen === 'runs' ? (
            <RunsScreen />
          ) : screen === 'boxes' ? (
            <Suspense fallback={<p className="loading">Loading the Boxes screen…</p>}>
              <BoxesScreen />
            </Suspense>
          ) : (
            <section className="placeholder" aria-labelledby="placeholder-title">
              <h2 id="placeholder-title">{current?.title}</h2>
              <p>{current?.later}</p>
            </section>
          )}
        </main>
      </div>
    </MenuCommandProvider>
  );
}
