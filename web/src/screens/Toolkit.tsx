/**
 * The intervention toolkit (`#/toolkit`): match interventions to a client's needs (ranked, with
 * rationale, cautions, sources and case-conceptualization blends; saved to their plan) and
 * browse the catalogue. Opened from a plan's "Match interventions", the client is preselected
 * (handed over in memory, never in the address).
 */
import { useEffect, useState } from 'react';
import { toolkit } from '../api-care';
import type { User } from '../types';
import { LoadStatus, PageTitle, useLoad } from '../ui';
import { CatalogueBrowser } from './toolkit/CatalogueBrowser';
import { MatchPanel } from './toolkit/MatchPanel';
import { indexCatalogue } from './toolkit/catalogue';
import { handedClient, setToolkitClient } from './toolkit/handoff';

export function Toolkit({ user }: { user: User }) {
  const [load] = useLoad(() => toolkit(), 'toolkit');
  const [initialClientId] = useState(handedClient);
  useEffect(() => {
    setToolkitClient(null);
  }, []);
  return (
    <>
      <PageTitle>Intervention toolkit</PageTitle>
      <LoadStatus load={load} what="the catalogue" />
      {load.state === 'ready' ? (
        <>
          <MatchPanel
            catalog={load.data}
            index={indexCatalogue(load.data)}
            user={user}
            initialClientId={initialClientId}
          />
          <CatalogueBrowser catalog={load.data} />
        </>
      ) : null}
    </>
  );
}
