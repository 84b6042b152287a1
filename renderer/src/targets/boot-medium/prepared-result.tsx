import type { Prepared } from '../../../../shared/api/bootmedia';

/** What was written and what to do next: the box's fingerprint, its trusted target, and the medium's steps. */
export function PreparedResult({ prepared }: { prepared: Prepared }) {
  const { overlayPath, keyType, fingerprint, target, replaced, steps, afterInstall } = prepared;
  return (
    <div className="prepared-result">
      <p className="prepared-written">
        Written to <span className="mono path">{overlayPath}</span>
      </p>
      {replaced.length > 0 && <p className="muted">Removed what was there before: {replaced.join(', ')}.</p>}
      <dl className="summary key-facts">
        <div className="key-fact">
          <dt>Host key type</dt>
          <dd className="mono">{keyType}</dd>
        </div>
        <div className="key-fact">
          <dt>Fingerprint</dt>
          <dd>
            <code className="fingerprint" data-testid="prepared-fingerprint">
              {fingerprint}
            </code>
          </dd>
        </div>
      </dl>
      <p>
        Target <strong>{target.name}</strong> saved; its host key is already trusted.
      </p>
      <h3 id="prepared-steps-title">Next</h3>
      <ol className="prepared-steps" aria-labelledby="prepared-steps-title">
        {steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <p className="notice" role="note">
        {afterInstall}
      </p>
    </div>
  );
}
