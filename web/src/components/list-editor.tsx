/** Editing a list of small records (identifiers, diagnoses, goals): rows of fields, Add, Remove. */
import { InputField } from './fields';

/** The list with item `n` changed by `patch`. */
export function updateAt<T extends object>(items: readonly T[], n: number, patch: Partial<T>): T[] {
  return items.map((x, k) => (k === n ? { ...x, ...patch } : x));
}

/** The list without item `n`. */
export function removeAt<T>(items: readonly T[], n: number): T[] {
  return items.filter((_, k) => k !== n);
}

/** One text input of each row: `key` is the item's property, the label names the row (1-based). */
export interface RowField<T> {
  key: keyof T & string;
  label: (n: number) => string;
  placeholder?: string;
  fieldClassName?: string;
}

interface ListFieldsetProps<T extends { [K in keyof T]: string }> {
  legend: string;
  hint: string;
  items: T[];
  onChange: (items: T[]) => void;
  fields: RowField<T>[];
  /** A new, empty item. */
  blank: () => T;
  addLabel: string;
  /** The accessible name of row `n`'s Remove button (1-based in words). */
  removeLabel: (n: number) => string;
}

/** A fieldset of rows of text inputs (`.row-fields`), each with Remove, and an Add button. */
export function ListFieldset<T extends { [K in keyof T]: string }>({
  legend,
  hint,
  items,
  onChange,
  fields,
  blank,
  addLabel,
  removeLabel,
}: ListFieldsetProps<T>) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      <p className="field-hint">{hint}</p>
      {items.map((item, n) => (
        <div className="row-fields" key={n}>
          {fields.map((f) => (
            <InputField
              key={f.key}
              label={f.label(n)}
              fieldClassName={f.fieldClassName}
              value={item[f.key]}
              placeholder={f.placeholder}
              onValue={(v) => {
                onChange(updateAt(items, n, { [f.key]: v } as Partial<T>));
              }}
            />
          ))}
          <button
            type="button"
            className="button-secondary"
            aria-label={removeLabel(n)}
            onClick={() => {
              onChange(removeAt(items, n));
            }}
          >
            Remove
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button-secondary"
        onClick={() => {
          onChange([...items, blank()]);
        }}
      >
        {addLabel}
      </button>
    </fieldset>
  );
}
