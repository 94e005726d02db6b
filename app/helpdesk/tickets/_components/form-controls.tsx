import { TRPCClientError } from "@trpc/client";
import { useId } from "react";

/**
 * Form pieces the staff screens (tickets, audit, roles) share and the UI kit lacks: a select and
 * a multi-line input wired like the kit's Field, and the reading of a server refusal. Candidates
 * for app/_components/ui; kept here until that shared move is made.
 */

export const controlClass =
  "mt-1 block min-h-11 w-full rounded-md border border-gray-500 bg-white px-3 text-base text-gray-900 dark:border-gray-400 dark:bg-gray-800 dark:text-gray-100";

type Extra = { label: string; error?: string | null; hint?: string; labelClassName?: string };

function Described({ id, hint, error }: { id: string; hint?: string; error?: string | null }) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-sm text-gray-700 dark:text-gray-300">
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

/** A labelled native select: keyboard and screen readers get the browser's own behaviour. */
export function Select({ label, error, hint, labelClassName = "", className = "", children, ...props }: React.ComponentProps<"select"> & Extra) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className={`block font-medium ${labelClassName}`}>
        {label}
      </label>
      <select id={id} {...props} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} className={controlClass}>
        {children}
      </select>
      <Described id={id} hint={hint} error={error} />
    </div>
  );
}

export function TextArea({ label, error, hint, labelClassName = "", className = "", ...props }: React.ComponentProps<"textarea"> & Extra) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className={`block font-medium ${labelClassName}`}>
        {label}
      </label>
      <textarea id={id} rows={4} {...props} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} className={`${controlClass} py-2`} />
      <Described id={id} hint={hint} error={error} />
    </div>
  );
}

export type Problem = { message: string; fieldErrors: Record<string, string | undefined> };

const OFFLINE = "We could not reach Ward. Check your connection and try again.";

/**
 * A failed call as a form shows it: the server's own sentence (already written for people), and
 * the errors for each field. A schema failure's raw message is JSON, so it is replaced.
 */
export function problemOf(error: unknown): Problem {
  if (!(error instanceof TRPCClientError) || !error.data) return { message: OFFLINE, fieldErrors: {} };
  const data = error.data as { fieldErrors?: Record<string, string[] | undefined> | null; details?: { fieldErrors?: Record<string, string | string[]> } | null };
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  if (data.fieldErrors) {
    const fieldErrors = Object.fromEntries(Object.entries(data.fieldErrors).map(([key, messages]) => [key, first(messages)]));
    return { message: Object.values(fieldErrors).find(Boolean) ?? "Check the fields marked below.", fieldErrors };
  }
  const details = data.details?.fieldErrors ?? {};
  return { message: error.message, fieldErrors: Object.fromEntries(Object.entries(details).map(([key, value]) => [key, first(value)])) };
}
