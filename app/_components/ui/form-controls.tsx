import { useId } from "react";

/**
 * Labelled multi-line input and select for every form in Ward, wired like Field: the hint and the
 * error are tied to the control for screen readers, and the typed value is the caller's.
 */
export const controlClass =
  "mt-1 block w-full rounded-md border border-gray-500 bg-white px-3 text-base text-gray-900 dark:border-gray-400 dark:bg-gray-800 dark:text-gray-100";

type Extra = { label: string; error?: string | null; hint?: string; labelClassName?: string };

export const describedBy = (id: string, hint?: string, error?: string | null) =>
  [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;

export function Described({ id, hint, error }: { id: string; hint?: string; error?: string | null }) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-gray-700 dark:text-gray-300">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </>
  );
}

export function TextArea({ label, error, hint, labelClassName = "", className = "", rows = 4, ...props }: React.ComponentProps<"textarea"> & Extra) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className={`block font-medium ${labelClassName}`}>
        {label}
      </label>
      <textarea id={id} rows={rows} {...props} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} className={`${controlClass} py-2`} />
      <Described id={id} hint={hint} error={error} />
    </div>
  );
}

/** A native select: keyboard, screen readers and phones get the platform's own picker. */
export function Select({ label, error, hint, labelClassName = "", className = "", children, ...props }: React.ComponentProps<"select"> & Extra) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className={`block font-medium ${labelClassName}`}>
        {label}
      </label>
      <select id={id} {...props} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} className={`${controlClass} min-h-11`}>
        {children}
      </select>
      <Described id={id} hint={hint} error={error} />
    </div>
  );
}
