import { useId } from "react";

const control = "mt-1 block w-full rounded-md border border-gray-500 bg-white px-3 text-base text-gray-900 dark:border-gray-400 dark:bg-gray-800 dark:text-gray-100";

function Described({ id, hint, error }: { id: string; hint?: string; error?: string | null }) {
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

const describedBy = (id: string, hint?: string, error?: string | null) => [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;

/** A labelled multi-line input, styled and wired like the UI kit's Field (which is single-line). */
export function TextArea({ label, error, hint, className = "", ...props }: React.TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; error?: string | null; hint?: string }) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <textarea id={id} rows={5} {...props} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} className={`${control} py-2`} />
      <Described id={id} hint={hint} error={error} />
    </div>
  );
}

/** A labelled native select: the phone's own picker, accessible everywhere. */
export function Select({ label, error, hint, className = "", children, ...props }: React.SelectHTMLAttributes<HTMLSelectElement> & { label: string; error?: string | null; hint?: string }) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <select id={id} {...props} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} className={`${control} min-h-11`}>
        {children}
      </select>
      <Described id={id} hint={hint} error={error} />
    </div>
  );
}
