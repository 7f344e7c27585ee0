/** A fieldset of checkboxes over a list of chosen values (diagnoses, goals, tags). */
import { useId } from 'react';
import { toggle } from './plan-model';

export interface CheckboxOption {
  value: string;
  label: string;
  /** Shown after the label, e.g. "consent expected". */
  note?: string;
}

export function CheckboxGroup({
  legend,
  hint,
  error,
  options,
  selected,
  onChange,
  disabled,
  className,
}: {
  legend: string;
  hint?: string;
  error?: string | undefined;
  options: readonly CheckboxOption[];
  selected: readonly string[];
  onChange: (values: string[]) => void;
  disabled?: boolean;
  className?: string;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const described = [hint !== undefined ? hintId : '', error !== undefined ? errorId : '']
    .filter((x) => x !== '')
    .join(' ');
  return (
    <fieldset
      className={`checkbox-group ${className ?? ''}`}
      {...(described !== '' ? { 'aria-describedby': described } : {})}
    >
      <legend>{legend}</legend>
      {hint !== undefined ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error !== undefined ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
      {options.map((o, n) => (
        <div className="checkbox" key={o.value}>
          <input
            id={`${id}-${n}`}
            type="checkbox"
            checked={selected.includes(o.value)}
            disabled={disabled}
            onChange={(e) => {
              onChange(toggle(selected, o.value, e.target.checked));
            }}
          />
          <label htmlFor={`${id}-${n}`}>
            {o.label}
            {o.note !== undefined ? <span className="muted"> ({o.note})</span> : null}
          </label>
        </div>
      ))}
    </fieldset>
  );
}
