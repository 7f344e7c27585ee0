/** The plan's signed versions, newest first, each opening to what was signed. */
import { dateTime } from '../../format';
import type { PlanVersion } from '../../api-care';
import { type Load, LoadStatus } from '../../ui';
import type { CatalogueIndex } from '../toolkit/catalogue';
import { PlanView } from './PlanView';

export function PlanVersions({
  load,
  index,
}: {
  load: Load<{ versions: PlanVersion[] }>;
  index: CatalogueIndex;
}) {
  return (
    <section aria-labelledby="versions-title" className="card">
      <h2 id="versions-title">Signed versions</h2>
      <LoadStatus load={load} what="signed versions" />
      {load.state === 'ready' && load.data.versions.length === 0 ? (
        <p>No signed versions yet.</p>
      ) : null}
      {load.state === 'ready' && load.data.versions.length > 0 ? (
        <ol className="plan-versions">
          {[...load.data.versions]
            .sort((a, b) => b.version - a.version)
            .map((v) => (
              <li key={v.version}>
                <details>
                  <summary>
                    Version {v.version}, signed {dateTime(v.signedAt)}
                    {v.plan.signature !== null ? ` by ${v.plan.signature.signerName}` : ''}
                  </summary>
                  <PlanView plan={v.plan} index={index} />
                </details>
              </li>
            ))}
        </ol>
      ) : null}
    </section>
  );
}
