/**
 * The practice's crisis resources, shown prominently (role="alert") after a client's answers
 * raised a risk alert: each line with its contact, and tap-to-call / tap-to-text links where the
 * contact is a number (988, 911, "Text HOME to 741741"). Says that the clinician has been told —
 * or, `unsent`, that the answers could NOT be sent (so nobody has been told) and to contact the
 * clinician or a crisis line now; a practice note that speaks of the clinician is left out then,
 * since it may say the clinician knows.
 */
import { contactLinks, noteMentionsClinician, type Crisis } from './model';

export function CrisisResources({ crisis, unsent = false }: { crisis: Crisis; unsent?: boolean }) {
  const clinicianNote = noteMentionsClinician(crisis.note);
  return (
    <section className="respond-crisis" role="alert" aria-labelledby="crisis-heading">
      {unsent ? (
        <p className="respond-crisis-unsent">
          <strong>Your answers could not be sent, so your clinician has not seen them.</strong>{' '}
          Please contact your clinician, or one of the crisis lines below, now.
        </p>
      ) : null}
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
      {unsent || clinicianNote ? null : <p>Your clinician has been told about your answers.</p>}
      {crisis.note !== '' && !(unsent && clinicianNote) ? <p>{crisis.note}</p> : null}
    </section>
  );
}
