"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { controlClass } from "../../tickets/_components/form-controls";

export type PickedUser = { id: string; name: string; email?: string };

/**
 * Finds a user (staff.users.search: name, email, phone, serial, IMEI; only users in the caller's
 * scope) and hands the chosen one to onPick. A plain search box with a list of buttons rather
 * than an ARIA combobox: Tab or Down arrow reaches the results, Enter picks, Escape clears; every
 * screen reader handles buttons the same way. Used by the audit filters and the role assignments.
 */
export function UserSearch({ label, hint, onPick, exclude = [] }: { label: string; hint?: string; onPick: (user: PickedUser) => void; exclude?: string[] }) {
  const trpc = useTRPC();
  const id = useId();
  const list = useRef<HTMLUListElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState("");
  const term = query.trim();
  const search = useQuery(trpc.staff.users.search.queryOptions({ query: term }, { enabled: term.length >= 2, staleTime: 10_000 }));
  const hits = (search.data ?? []).filter((hit) => !exclude.includes(hit.id)).slice(0, 8);

  const buttons = () => [...(list.current?.querySelectorAll<HTMLButtonElement>("button") ?? [])];
  function onListKey(event: React.KeyboardEvent<HTMLUListElement>) {
    const all = buttons();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === "ArrowDown" && at < all.length - 1) all[at + 1]?.focus();
    else if (event.key === "ArrowUp") (at > 0 ? all[at - 1] : input.current)?.focus();
    else if (event.key === "Escape") input.current?.focus();
    else return;
    event.preventDefault();
  }
  const status = term.length < 2 ? "" : search.isFetching && !search.data ? "Searching…" : hits.length === 0 ? "No users found in your scope." : `${hits.length} found; press Down to choose.`;

  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        ref={input}
        id={id}
        type="search"
        autoComplete="off"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" && hits.length) {
            event.preventDefault();
            buttons()[0]?.focus();
          }
          // Enter in the box must not submit the surrounding form with a half-typed name.
          if (event.key === "Enter") event.preventDefault();
        }}
        aria-describedby={`${id}-status${hint ? ` ${id}-hint` : ""}`}
        className={controlClass}
        placeholder="Name, email, phone, serial…"
      />
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-sm text-gray-700 dark:text-gray-300">
          {hint}
        </p>
      )}
      <p id={`${id}-status`} role="status" className="mt-1 text-sm text-gray-700 dark:text-gray-300">
        {status}
      </p>
      {hits.length > 0 && (
        <ul ref={list} onKeyDown={onListKey} aria-label={`${label}: results`} className="mt-1 max-h-64 overflow-auto rounded-md border border-gray-300 dark:border-gray-600">
          {hits.map((hit) => (
            <li key={hit.id}>
              <button
                type="button"
                onClick={() => {
                  onPick({ id: hit.id, name: hit.name, email: hit.email });
                  setQuery("");
                  input.current?.focus();
                }}
                className="block w-full px-3 py-2 text-left text-sm hover:bg-gray-100 focus-visible:bg-gray-100 dark:hover:bg-gray-800 dark:focus-visible:bg-gray-800"
              >
                <span className="font-medium">{hit.name}</span> <span className="text-gray-700 dark:text-gray-300">{hit.email}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
