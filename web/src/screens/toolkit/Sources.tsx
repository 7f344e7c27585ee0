/** A list of cited sources (title, citation, link when there is one). */
import type { ToolkitSource } from './toolkit-types';

export function Sources({ sources }: { sources: readonly ToolkitSource[] }) {
  if (sources.length === 0) return null;
  return (
    <div className="sources">
      <h3>Sources</h3>
      <ul>
        {sources.map((s, n) => (
          <li key={n}>
            {s.url !== undefined ? (
              <a href={s.url} target="_blank" rel="noopener noreferrer">
                {s.title}
              </a>
            ) : (
              s.title
            )}
            . {s.citation}
          </li>
        ))}
      </ul>
    </div>
  );
}
