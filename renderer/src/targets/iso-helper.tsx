import { useState } from 'react';
import { isoCommands, type SshServer } from '../../../shared/bootstrap/iso-commands';
import { describedBy, FieldMessage } from '../components/field';
import { useAppStore } from '../store/store-context';

const SERVERS: ReadonlyArray<{ id: SshServer; title: string; description: string }> = [
  { id: 'openssh', title: 'OpenSSH', description: 'The usual choice.' },
  { id: 'dropbear', title: 'Dropbear', description: 'Smaller, for tiny boxes; Cairn needs nothing more.' },
];

/**
 * A box running from the ISO has no network and no SSH server, so Cairn cannot
 * reach it yet: these are the commands to type at its console first.
 */
export function IsoHelper() {
  const [publicKey, setPublicKey] = useState('');
  const [sshd, setSshd] = useState<SshServer>('openssh');
  const announce = useAppStore((s) => s.ui.announce);
  const result = isoCommands({ publicKey, sshd });
  const showProblem = !result.ok && publicKey.trim() !== '';

  const copy = () => {
    if (!result.ok) return;
    const done = navigator.clipboard?.writeText(result.script);
    if (done === undefined) announce('Copying is not available here; select the commands and copy them.', 'error');
    else
      done.then(
        () => announce('Console commands copied.', 'ok'),
        () => announce('Copying failed; select the commands and copy them.', 'error'),
      );
  };

  return (
    <details className="iso-helper">
      <summary>Freshly booted from the Alpine ISO? Make the box reachable first</summary>
      <p>
        A box running from the Alpine ISO has no network set up and no SSH server. Type these commands at its console (log in as root), then add it here with the address the last
        command shows.
      </p>
      <div className="field field-stacked">
        <label htmlFor="iso-public-key" className="field-label">
          Your public key
        </label>
        <textarea
          id="iso-public-key"
          className="input wide mono"
          rows={3}
          spellCheck={false}
          value={publicKey}
          aria-invalid={showProblem ? true : undefined}
          aria-describedby={describedBy(showProblem && 'iso-public-key-message', 'iso-public-key-hint')}
          onChange={(e) => setPublicKey(e.target.value)}
        />
        <p id="iso-public-key-hint" className="field-hint">
          The one line in ~/.ssh/id_ed25519.pub on this computer, or an https URL serving your keys such as https://github.com/jane.keys.
        </p>
        {showProblem && <FieldMessage id="iso-public-key-message" problem={{ severity: 'error', message: result.message }} />}
      </div>
      <fieldset className="field">
        <legend className="field-label">SSH server to install</legend>
        <div className="choice-list">
          {SERVERS.map((s) => (
            <div className="choice" key={s.id}>
              <input type="radio" id={`iso-sshd-${s.id}`} name="iso-sshd" checked={sshd === s.id} onChange={() => setSshd(s.id)} aria-describedby={`iso-sshd-${s.id}-d`} />
              <label className="choice-title" htmlFor={`iso-sshd-${s.id}`}>
                {s.title}
              </label>
              <p className="choice-description" id={`iso-sshd-${s.id}-d`}>
                {s.description}
              </p>
            </div>
          ))}
        </div>
      </fieldset>
      {result.ok ? (
        <>
          <ol className="console-steps" aria-label="Console commands">
            {result.steps.map((step) => (
              <li key={step.title}>
                <h3>{step.title}</h3>
                <p className="field-hint">{step.why}</p>
                <pre className="console mono">
                  <code>{step.commands.join('\n')}</code>
                </pre>
              </li>
            ))}
          </ol>
          <button type="button" className="button" onClick={copy}>
            Copy all commands
          </button>
        </>
      ) : (
        !showProblem && <p className="empty">Paste your public key to see the commands.</p>
      )}
    </details>
  );
}
