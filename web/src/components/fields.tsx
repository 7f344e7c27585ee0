/** Labelled controls bound to a string value: a `Field` (label, hint, error) with its control. */
import type {
  InputHTMLAttributes,
  ReactNode,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from 'react';
import { Field } from '../ui';

/** What every field takes besides its control's own attributes. */
interface FieldFrame<T extends string> {
  label: string;
  hint?: string;
  /** The problem with this field (e.g. the API's issue for it). */
  error?: string | undefined;
  /** Extra classes on the field's wrapper (`field …`). */
  fieldClassName?: string | undefined;
  value: T;
  onValue: (value: T) => void;
}

/** Attributes the field sets itself. */
type Owned = 'id' | 'value' | 'onChange' | 'children' | 'aria-describedby' | 'aria-invalid';

type InputFieldProps = FieldFrame<string> & Omit<InputHTMLAttributes<HTMLInputElement>, Owned>;

/** A labelled text input (any `type` but checkbox/radio/file). */
export function InputField({
  label,
  hint,
  error,
  fieldClassName,
  value,
  onValue,
  ...rest
}: InputFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} className={fieldClassName}>
      {(p) => (
        <input
          {...rest}
          {...p}
          value={value}
          onChange={(e) => {
            onValue(e.target.value);
          }}
        />
      )}
    </Field>
  );
}

type TextAreaFieldProps = FieldFrame<string> &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, Owned>;

/** A labelled multi-line text box. */
export function TextAreaField({
  label,
  hint,
  error,
  fieldClassName,
  value,
  onValue,
  ...rest
}: TextAreaFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} className={fieldClassName}>
      {(p) => (
        <textarea
          {...rest}
          {...p}
          value={value}
          onChange={(e) => {
            onValue(e.target.value);
          }}
        />
      )}
    </Field>
  );
}

type SelectFieldProps<T extends string> = FieldFrame<T> &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, Owned> & { children: ReactNode };

/** A labelled drop-down list; its `<option>`s are the children, their values of type `T`. */
export function SelectField<T extends string>({
  label,
  hint,
  error,
  fieldClassName,
  value,
  onValue,
  children,
  ...rest
}: SelectFieldProps<T>) {
  return (
    <Field label={label} hint={hint} error={error} className={fieldClassName}>
      {(p) => (
        <select
          {...rest}
          {...p}
          value={value}
          onChange={(e) => {
            onValue(e.target.value as T);
          }}
        >
          {children}
        </select>
      )}
    </Field>
  );
}
