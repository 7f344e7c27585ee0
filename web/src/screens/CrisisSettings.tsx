/**
 * The practice's crisis resources on the Settings screen (administrators): the heading, the crisis
 * lines (what each is and how to reach it) and a note, shown to a client right after they send a
 * questionnaire whose answers raised a risk alert (PHQ-9 question 9). Numbers in a contact (988,
 * 911, "Text HOME to 741741") become tap-to-call / tap-to-text links on the client's phone.
 */
import { InputField, TextAreaField } from '../components/fields';
import { MAX_CRISIS_LINES, type CrisisDraft, type CrisisField } from '../settings';

export function CrisisFieldset({
  crisis,
  onChange,
  problem,
}: {
  crisis: CrisisDraft;
  onChange: (c: CrisisDraft) => void;
  problem: (f: CrisisField) => string | undefined;
}) {
  const setLine = (n: number, part: 'label' | 'contact', value: string) => {
    onChange({
      ...crisis,
      lines: crisis.lines.map((l, i) => (i === n ? { ...l, [part]: value } : l)),
    });
  };
  const linesProblem = problem('crisisResources.lines');
  return (
    <fieldset className="crisis-settings">
      <legend>Crisis resources (shown to clients)</legend>
      <p className="field-hint">
        Shown to a client right after they send a questionnaire whose answers suggest a risk of
        self-harm (PHQ-9 question 9), and their clinician is alerted. Numbers in a contact, such as
        988 or “Text HOME to 741741”, become tap-to-call and tap-to-text links. Replace the United
        States defaults if the practice is elsewhere.
      </p>
      <InputField
        label="Heading"
        error={problem('crisisResources.heading')}
        value={crisis.heading}
        onValue={(heading) => {
          onChange({ ...crisis, heading });
        }}
        required
        maxLength={200}
        autoComplete="off"
      />
      {linesProblem !== undefined ? <p className="field-error">{linesProblem}</p> : null}
      <ol className="crisis-lines">
        {crisis.lines.map((line, n) => (
          <li key={n}>
            <fieldset className="crisis-line">
              <legend>Crisis line {n + 1}</legend>
              <div className="form-grid">
                <InputField
                  label={`Service (line ${n + 1})`}
                  hint="e.g. 988 Suicide & Crisis Lifeline"
                  error={problem(`crisisResources.lines.${n}.label`)}
                  value={line.label}
                  onValue={(v) => {
                    setLine(n, 'label', v);
                  }}
                  required
                  maxLength={200}
                  autoComplete="off"
                />
                <InputField
                  label={`How to reach it (line ${n + 1})`}
                  hint="e.g. Call or text 988"
                  error={problem(`crisisResources.lines.${n}.contact`)}
                  value={line.contact}
                  onValue={(v) => {
                    setLine(n, 'contact', v);
                  }}
                  required
                  maxLength={200}
                  autoComplete="off"
                />
              </div>
              <button
                type="button"
                className="button-secondary small"
                disabled={crisis.lines.length <= 1}
                onClick={() => {
                  onChange({ ...crisis, lines: crisis.lines.filter((_, i) => i !== n) });
                }}
              >
                Remove crisis line {n + 1}
              </button>
            </fieldset>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button-secondary"
        disabled={crisis.lines.length >= MAX_CRISIS_LINES}
        onClick={() => {
          onChange({ ...crisis, lines: [...crisis.lines, { label: '', contact: '' }] });
        }}
      >
        Add a crisis line
      </button>
      <TextAreaField
        label="Note"
        hint="Optional. Shown below the lines, e.g. what to do outside the country."
        error={problem('crisisResources.note')}
        rows={3}
        value={crisis.note}
        onValue={(note) => {
          onChange({ ...crisis, note });
        }}
        maxLength={1000}
      />
    </fieldset>
  );
}
