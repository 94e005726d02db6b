import { useId } from "react";

type Item = { id: string; name: string };

/** A labelled group of checkboxes over named items (groups, scope tags), with its error tied to it. */
export function Checkboxes({ legend, hint, items, chosen, onChange, error }: { legend: string; hint?: string; items: Item[]; chosen: string[]; onChange: (ids: string[]) => void; error?: string }) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset aria-describedby={describedBy}>
      <legend className="text-sm font-medium">{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-gray-700 dark:text-gray-300">
          {hint}
        </p>
      )}
      {items.length === 0 ? (
        <p className="text-sm text-gray-700 dark:text-gray-300">None defined yet.</p>
      ) : (
        // Scrolls rather than growing without bound in an organization with many groups.
        <ul className="mt-1 grid max-h-48 grid-cols-2 gap-x-3 overflow-auto">
          {items.map((item) => (
            <li key={item.id}>
              <label className="flex min-h-9 items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  className="size-5 shrink-0"
                  checked={chosen.includes(item.id)}
                  onChange={(event) => onChange(event.target.checked ? [...chosen, item.id] : chosen.filter((c) => c !== item.id))}
                />
                {item.name}
              </label>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </fieldset>
  );
}
