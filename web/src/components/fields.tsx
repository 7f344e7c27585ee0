/** Labelled controls bound to a string value: a `Field` (label, hint, error) with its control. */
import type {
  ChangeEvent,
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

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** Splits a field's props: the `Field` around the control, its value binding, the rest. */
function parts<T extends string, R>({
  label,
  hint,
  error,
  fieldClassName,
  value,
  onValue,
  ...rest
}: FieldFrame<T> & R) {
  return {
    frame: { label, hint, error, className: fieldClassName },
    bind: {
      value,
      onChange: (e: ChangeEvent<Control>) => {
        onValue(e.target.value as T);
      },
    },
    rest,
  };
}

type InputFieldProps = FieldFrame<string> & Omit<InputHTMLAttributes<HTMLInputElement>, Owned>;

/** A labelled text input (any `type` but checkbox/radio/file). */
export function InputField(props: InputFieldProps) {
  const { frame, bind, rest } = parts(props);
  return <Field {...frame}>{(p) => <input {...rest} {...p} {...bind} />}</Field>;
}

type PresetProps = Omit<InputFieldProps, 'type' | 'required'>;

/** A required email address. */
export function EmailField(props: PresetProps) {
  return <InputField type="email" required {...props} />;
}

/** A required password; `autoComplete` says whether it is the current or a new one. */
export function PasswordField(props: PresetProps) {
  return <InputField type="password" required {...props} />;
}

type TextAreaFieldProps = FieldFrame<string> &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, Owned>;

/** A labelled multi-line text box. */
export function TextAreaField(props: TextAreaFieldProps) {
  const { frame, bind, rest } = parts(props);
  return <Field {...frame}>{(p) => <textarea {...rest} {...p} {...bind} />}</Field>;
}

type SelectFieldProps<T extends string> = FieldFrame<T> &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, Owned> & { children: ReactNode };

/** A labelled drop-down list; its `<option>`s are the children, their values of type `T`. */
export function SelectField<T extends string>({ children, ...props }: SelectFieldProps<T>) {
  const { frame, bind, rest } = parts<T, Omit<SelectHTMLAttributes<HTMLSelectElement>, Owned>>(
    props,
  );
  return (
    <Field {...frame}>
      {(p) => (
        <select {...rest} {...p} {...bind}>
          {children}
        </select>
      )}
    </Field>
  );
}

/** One `<option>` per entry of a label map (format.ts), in the map's order. */
export function LabelOptions<K extends string>({
  labels,
}: {
  labels: Readonly<Record<K, string>>;
}) {
  return (
    <>
      {(Object.entries(labels) as [K, string][]).map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </>
  );
}
