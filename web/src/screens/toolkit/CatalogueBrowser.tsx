/** Browsing the intervention catalogue: filter by modality, concern and words; each in full. */
import { useState } from 'react';
import { InputField, SelectField } from '../../components/fields';
import { filterCatalogue, modalities, type CatalogueFilter } from './catalogue';
import { Sources } from './Sources';
import type { ToolkitCatalog, ToolkitIntervention } from './toolkit-types';

export function CatalogueBrowser({ catalog }: { catalog: ToolkitCatalog }) {
  const [filter, setFilter] = useState<CatalogueFilter>({ modality: '', concern: '', text: '' });
  const shown = filterCatalogue(catalog, filter);
  return (
    <section aria-labelledby="catalogue-title" className="card">
      <h2 id="catalogue-title">Browse the catalogue</h2>
      <div className="form-grid" role="search" aria-label="Filter the catalogue">
        <SelectField
          label="Modality"
          value={filter.modality}
          onValue={(modality) => {
            setFilter({ ...filter, modality });
          }}
        >
          <option value="">All modalities</option>
          {modalities(catalog).map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Concern"
          value={filter.concern}
          onValue={(concern) => {
            setFilter({ ...filter, concern });
          }}
        >
          <option value="">All concerns</option>
          {catalog.concerns.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <InputField
          label="Search the catalogue"
          type="search"
          value={filter.text}
          onValue={(text) => {
            setFilter({ ...filter, text });
          }}
        />
      </div>
      <p role="status" className="muted">
        {shown.length} of {catalog.interventions.length} interventions shown.
      </p>
      <ul className="catalogue-list">
        {shown.map((i) => (
          <li key={i.id}>
            <InterventionEntry intervention={i} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function InterventionEntry({ intervention: i }: { intervention: ToolkitIntervention }) {
  return (
    <details className="catalogue-entry">
      <summary>
        <strong>{i.name}</strong> <span className="muted">· {i.modality}</span>
        {i.consentExpected ? (
          <span className="badge badge-info">Informed consent expected</span>
        ) : null}
      </summary>
      <p>{i.description}</p>
      {i.useCases.length > 0 ? (
        <>
          <h3>Use cases</h3>
          <ul>
            {i.useCases.map((u) => (
              <li key={u}>{u}</li>
            ))}
          </ul>
        </>
      ) : null}
      {i.consentExpected ? (
        <p>
          <strong>Consent:</strong> informed consent is expected before delivery (record it under
          the client’s consent and safety).
        </p>
      ) : null}
      {i.harmMonitoring !== null ? (
        <p>
          <strong>Harm monitoring:</strong> {i.harmMonitoring}
        </p>
      ) : null}
      {i.cautions.length > 0 ? (
        <>
          <h3>Cautions</h3>
          <ul>
            {i.cautions.map((c) => (
              <li key={c.flag}>
                <strong>
                  {c.label} ({c.effect === 'exclude' ? 'not recommended' : 'with care'}):
                </strong>{' '}
                {c.text}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <Sources sources={i.sources} />
    </details>
  );
}
