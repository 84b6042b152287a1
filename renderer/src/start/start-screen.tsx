import type { ReactNode } from 'react';
import { useCairnClient } from '../client/cairn-client-context';
import { useAppStore } from '../store/store-context';
import { useIssueCommand } from '../wizard/menu-commands';

interface WayIn {
  id: string;
  title: string;
  text: string;
  actions: ReactNode;
}

/**
 * The page Cairn opens on the first time (and from File › Start Page): what
 * it does, and the four ways in, each leading to the screen that does it.
 */
export function StartScreen() {
  const issue = useIssueCommand();
  const openTargets = useAppStore((s) => s.navigation.openTargets);
  const prepareBootMedium = useAppStore((s) => s.navigation.prepareBootMedium);
  const setScreen = useAppStore((s) => s.ui.setScreen);
  // Targets and boot media live in the desktop app; a browser tab can only write and check answer files.
  const desktop = useCairnClient() !== null;
  const button = (label: string, onClick: () => void, primary = false) => (
    <button type="button" className={`button${primary ? ' primary' : ''}`} onClick={onClick}>
      {label}
    </button>
  );
  const ways: WayIn[] = [
    {
      id: 'install',
      title: 'Install Alpine on a box',
      text: 'The box has booted the Alpine ISO, or a boot medium Cairn prepared, and is on your network. Make its profile, then install it from the Review step with live progress.',
      actions: button('Make an install profile…', () => issue('profile.new'), true),
    },
    {
      id: 'headless',
      title: 'Prepare a boot medium for a headless box',
      text: 'A Raspberry Pi, router or board with no screen: Cairn writes a saved profile onto its SD card or USB stick, so it joins your network and answers SSH on first boot.',
      actions: desktop ? button('Prepare a boot medium…', () => prepareBootMedium(null), true) : <p className="field-hint">This needs the Cairn desktop app.</p>,
    },
    {
      id: 'manage',
      title: 'Manage boxes I already have',
      text: 'Add the Alpine machines you reach over SSH, or import them from ~/.ssh/config, then see and change their services, packages, lbu saves and drift.',
      actions: desktop ? (
        <>
          {button('Add a box…', () => openTargets({ kind: 'add' }), true)}
          {button('Import from SSH config…', () => openTargets({ kind: 'import' }))}
          {button('Open Boxes', () => setScreen('boxes'))}
        </>
      ) : (
        <p className="field-hint">This needs the Cairn desktop app.</p>
      ),
    },
    {
      id: 'answers',
      title: 'Write or check an answer file',
      text: 'Open an existing setup-alpine answer file to see what it does and what is wrong with it, or write a new one from a template.',
      actions: (
        <>
          {button('Check an answer file…', () => issue('answerfile.import'), true)}
          {button('Write a new one…', () => issue('profile.new'))}
        </>
      ),
    },
  ];
  return (
    <section className="start-screen" aria-labelledby="start-title">
      <h2 id="start-title">Welcome to Cairn</h2>
      <div className="start-intro">
        <p>Cairn installs Alpine Linux on your machines over SSH: it writes the setup-alpine answer file from a form and checks it as you type.</p>
        <p>It runs the real installer on the box and shows its progress live; a box with no screen gets a prepared boot medium instead of a console.</p>
        <p>Afterwards it keeps your boxes in view: services, packages, lbu saves, reboots and drift from their profile.</p>
      </div>
      <h3 className="start-question">Where do you want to start?</h3>
      <ul className="start-ways">
        {ways.map((w) => (
          <li key={w.id} className="start-way">
            <h4 id={`start-${w.id}`}>{w.title}</h4>
            <p>{w.text}</p>
            <div className="row start-actions">{w.actions}</div>
          </li>
        ))}
      </ul>
    </section>
  );
}
