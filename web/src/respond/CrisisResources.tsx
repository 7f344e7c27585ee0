/**
 * The practice's crisis resources, shown prominently (role="alert") after a client's answers
 * raised a risk alert: each line with its contact, and tap-to-call / tap-to-text links where the
 * contact is a number (988, 911, "Text HOME to 741741"). Says that the clinician has been told.
 */
import { contactLinks, noteMentionsClinician, type Crisis } from './model';

export function CrisisResources({ crisis }: { crisis: Crisis }) {
  return (
    <section className="respond-crisis" role="alert" aria-labelledby="crisis-heading">
      <h2 id="crisis-heading">{crisis.heading}</h2>
      <ul className="respond-crisis-lines">
        {crisis.lines.map((line, n) => {
          const links = contactLinks(line.contact);
          return (
            <li key={n}>
              <p>
                <strong>{line.label}:</strong> {line.contact}
              </p>
              {links.length > 0 ? (
                <p className="respond-contact-links">
                  {links.map((l) => (
                    <a key={l.href} className="respond-contact" href={l.href}>
                      {l.text}
                    </a>
                  ))}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
      {noteMentionsClinician(crisis.note) ? null : (
        <p>Your clinician has been told about your answers.</p>
      )}
      {crisis.note !== '' ? <p>{crisis.note}</p> : null}
    </section>
  );
}
