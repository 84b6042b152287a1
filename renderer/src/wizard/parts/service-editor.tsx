import { useMemo, useState } from 'react';
import type { Runlevel, Service } from '../../../../shared/profile/schema';
import { FieldMessage, useFieldProblem } from '../../components/field';
import { useAppStore } from '../../store/store-context';

const RUNLEVELS: readonly Runlevel[] = ['default', 'boot', 'sysinit', 'shutdown'];
const DRAFT = 'services#new';

function ServiceRow({ service, index }: { service: Service; index: number }) {
  const problem = useFieldProblem(`services.${index}`);
  const engine = useAppStore((s) => s.ui.engine);
  const packages = useAppStore((s) => s.wizard.profile.packages);
  const update = useAppStore((s) => s.wizard.update);
  const origins = engine?.serviceOrigins(service.name) ?? [];
  // Offer the package that ships the service when the problem is exactly that it is missing.
  const missing = problem?.severity === 'error' && origins.length > 0 && !origins.some((o) => packages.includes(o)) ? origins[0] : undefined;
  const id = `service-${index}-runlevel`;
  return (
    <li className="item-row" data-status={problem?.severity ?? 'ok'}>
      <span className="mono" data-field-path={`services.${index}.name`} tabIndex={-1}>
        {service.name}
      </span>
      <label htmlFor={id} className="visually-hidden">
        Runlevel for {service.name}
      </label>
      <select
        id={id}
        className="input narrow"
        value={service.runlevel}
        onChange={(e) => {
          const runlevel = RUNLEVELS.find((r) => r === e.target.value) ?? 'default';
          update((p) => ({ ...p, services: p.services.map((s, n) => (n === index ? { ...s, runlevel } : s)) }));
        }}
      >
        {RUNLEVELS.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      {missing && (
        <button type="button" className="button small" onClick={() => update((p) => ({ ...p, packages: [...p.packages, missing] }))}>
          Add package {missing}
        </button>
      )}
      <button type="button" className="button small" onClick={() => update((p) => ({ ...p, services: p.services.filter((_, n) => n !== index) }))}>
        Remove {service.name}
      </button>
      {problem && <FieldMessage id={`services-${index}-message`} problem={problem} />}
    </li>
  );
}

/** OpenRC services to enable, each with its runlevel. */
export function ServiceEditor() {
  const services = useAppStore((s) => s.wizard.profile.services);
  const name = useAppStore((s) => s.wizard.drafts[DRAFT]) ?? '';
  const engine = useAppStore((s) => s.ui.engine);
  const edit = useAppStore((s) => s.wizard.edit);
  const [runlevel, setRunlevel] = useState<Runlevel>('default');
  const known = useMemo(() => engine?.knownServices() ?? [], [engine]);
  const q = name.trim();
  const suggestions = q === '' ? [] : known.filter((s) => s.startsWith(q)).slice(0, 20);

  const add = () => {
    if (q === '') return;
    edit((w) => ({ profile: { ...w.profile, services: [...w.profile.services, { name: q, runlevel }] }, drafts: { ...w.drafts, [DRAFT]: '' } }));
  };

  return (
    <section className="subsection" aria-labelledby="services-title">
      <h3 id="services-title">Services</h3>
      <div className="row">
        <div className="field">
          <label htmlFor="service-name" className="field-label">
            Service
          </label>
          <input
            id="service-name"
            data-field-path="services"
            className="input"
            type="text"
            list="service-suggestions"
            value={name}
            autoComplete="off"
            spellCheck={false}
            aria-describedby="service-name-hint"
            onChange={(e) => {
              const typed = e.target.value;
              edit((w) => ({ drafts: { ...w.drafts, [DRAFT]: typed } }));
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
          />
          <datalist id="service-suggestions">
            {suggestions.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
          <p className="field-hint" id="service-name-hint">
            The name of an OpenRC service, like nginx or sshd.
          </p>
        </div>
        <div className="field">
          <label htmlFor="service-runlevel" className="field-label">
            Runlevel
          </label>
          <select id="service-runlevel" className="input narrow" value={runlevel} onChange={(e) => setRunlevel(RUNLEVELS.find((r) => r === e.target.value) ?? 'default')}>
            {RUNLEVELS.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button" disabled={q === ''} onClick={add}>
          Add service
        </button>
      </div>
      {services.length === 0 ? (
        <p className="empty">No extra services.</p>
      ) : (
        <ul className="item-list" aria-label="Services to enable">
          {services.map((s, n) => (
            <ServiceRow key={`${s.name}@${s.runlevel}-${n}`} service={s} index={n} />
          ))}
        </ul>
      )}
    </section>
  );
}
