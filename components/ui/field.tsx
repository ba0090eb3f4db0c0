import { forwardRef, useId } from "react";
import { cn } from "./cn";

export const inputClass = (invalid?: boolean) =>
  cn(
    "block w-full rounded-lg border bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-500",
    "focus:border-brand-600 focus:ring-2 focus:ring-brand-100 focus:outline-none disabled:bg-slate-100 disabled:text-slate-600",
    invalid ? "border-red-600" : "border-slate-300",
  );

interface FieldFrame {
  label: React.ReactNode;
  error?: string | null;
  hint?: React.ReactNode;
  /** Visually hide the label (it stays for screen readers). */
  hideLabel?: boolean;
  required?: boolean;
  className?: string;
}

function Frame({
  id,
  label,
  error,
  hint,
  hideLabel,
  required,
  className,
  children,
}: FieldFrame & { id: string; children: React.ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={id} className={cn("mb-1 block text-sm font-medium text-slate-700", hideLabel && "sr-only")}>
        {label}
        {required ? (
          <span className="text-red-700" aria-hidden="true">
            {" "}
            *
          </span>
        ) : null}
      </label>
      {children}
      {hint && !error ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(id: string, error?: string | null, hint?: React.ReactNode) {
  return error ? `${id}-error` : hint ? `${id}-hint` : undefined;
}

export type TextFieldProps = FieldFrame & Omit<React.InputHTMLAttributes<HTMLInputElement>, "className">;

export const TextField = forwardRef<HTMLInputElement, TextFieldProps>(function TextField(
  { label, error, hint, hideLabel, required, className, id: idProp, ...input },
  ref,
) {
  const auto = useId();
  const id = idProp ?? auto;
  return (
    <Frame id={id} label={label} error={error} hint={hint} hideLabel={hideLabel} required={required} className={className}>
      <input
        ref={ref}
        id={id}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        className={inputClass(!!error)}
        {...input}
      />
    </Frame>
  );
});

export type SelectFieldProps = FieldFrame &
  Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "className"> & {
    options: ReadonlyArray<{ value: string; label: string }>;
    /** Adds a first empty option with this text. */
    placeholder?: string;
  };

export function SelectField({
  label,
  error,
  hint,
  hideLabel,
  required,
  className,
  id: idProp,
  options,
  placeholder,
  ...select
}: SelectFieldProps) {
  const auto = useId();
  const id = idProp ?? auto;
  return (
    <Frame id={id} label={label} error={error} hint={hint} hideLabel={hideLabel} required={required} className={className}>
      <select
        id={id}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        className={inputClass(!!error)}
        {...select}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

export function Checkbox({
  label,
  error,
  hint,
  className,
  ...input
}: { label: React.ReactNode; error?: string | null; hint?: React.ReactNode; className?: string } & Omit<
  React.InputHTMLAttributes<HTMLInputElement>,
  "type" | "className"
>) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className="inline-flex items-center gap-2 text-sm text-slate-800">
        <input
          id={id}
          type="checkbox"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, error, hint)}
          className="size-4 rounded border-slate-400 accent-brand-600"
          {...input}
        />
        {label}
      </label>
      {hint && !error ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
