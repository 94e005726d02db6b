"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { useTRPC } from "../../_trpc/client";
import { SearchOption } from "./search-option";

// Matches the server's MIN_QUERY_LENGTH: shorter queries are not sent at all.
const MIN_LENGTH = 2;
const DEBOUNCE_MS = 150;

function useDebounced(value: string, ms: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * The help desk's one search box (F14), an ARIA combobox: results as you type, ArrowUp/ArrowDown
 * move through them, Enter opens the user page (the first result when none is picked, so a
 * pasted serial + Enter is enough), Escape clears. The server returns only users in scope.
 */
export function UserSearch({ initialQuery = "" }: { initialQuery?: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState(initialQuery);
  const [active, setActive] = useState(-1);
  const [opening, setOpening] = useState<string | null>(null);
  const term = useDebounced(query.trim(), DEBOUNCE_MS);
  const enabled = term.length >= MIN_LENGTH;
  const search = useQuery(trpc.staff.users.search.queryOptions({ query: term }, { enabled, placeholderData: keepPreviousData, staleTime: 5_000 }));
  const hits = enabled && query.trim().length >= MIN_LENGTH ? (search.data ?? []) : [];
  const open = hits.length > 0;

  // A new result list starts with nothing picked, so ArrowDown lands on the first one.
  useEffect(() => setActive(-1), [search.data]);

  // "/" anywhere on the page jumps to the box, as in most search-first tools.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      if (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
      event.preventDefault();
      input.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  // Kept in the URL (without a navigation) so Back from a user page shows the same results.
  useEffect(() => {
    const url = new URL(window.location.href);
    if (term) url.searchParams.set("q", term);
    else url.searchParams.delete("q");
    window.history.replaceState(window.history.state, "", url);
  }, [term]);

  function openUser(index: number) {
    const hit = hits[index];
    if (!hit) return;
    setOpening(hit.name);
    router.push(`/helpdesk/users/${hit.id}`);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!open) return;
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((current) => (current + step + hits.length + (current < 0 && step < 0 ? 1 : 0)) % hits.length);
    } else if (event.key === "Enter") {
      if (!open) return;
      event.preventDefault();
      openUser(active >= 0 ? active : 0);
    } else if (event.key === "Escape") {
      event.preventDefault();
      setQuery("");
      setActive(-1);
    }
  }

  const typed = query.trim();
  const status =
    opening !== null
      ? `Opening ${opening}…`
      : typed.length < MIN_LENGTH
        ? typed.length > 0
          ? `Type at least ${MIN_LENGTH} characters.`
          : ""
        : search.isError
          ? ""
          : !enabled || (search.isFetching && !search.data)
            ? "Searching…"
            : hits.length === 0
              ? "No users found in your scope."
              : `${hits.length} ${hits.length === 1 ? "result" : "results"}${hits.length >= 20 ? " (the best 20; type more to narrow)" : ""}`;

  return (
    <div className="relative">
      <label htmlFor={`${id}-input`} className="block font-medium">
        Find a user: name, email, phone, serial or IMEI
      </label>
      <p id={`${id}-hint`} className="text-sm text-gray-700 dark:text-gray-300">
        Results appear as you type. Arrow keys choose, Enter opens, Escape clears. Press / to come back here.
      </p>
      <input
        ref={input}
        id={`${id}-input`}
        type="search"
        role="combobox"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open && active >= 0 ? `${id}-opt-${active}` : undefined}
        aria-describedby={`${id}-hint`}
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        spellCheck={false}
        // The staff home exists for this box: keyboard users start typing at once.
        autoFocus
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpening(null);
        }}
        onKeyDown={onKeyDown}
        className="mt-1 block min-h-11 w-full rounded-md border border-gray-500 bg-white px-3 text-base text-gray-900 dark:border-gray-400 dark:bg-gray-800 dark:text-gray-100"
      />
      <p role="status" aria-live="polite" aria-atomic="true" className="mt-1 min-h-5 text-sm text-gray-700 dark:text-gray-300" data-testid="search-status">
        {status}
      </p>
      {search.isError && typed.length >= MIN_LENGTH && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          The search failed. Check your connection and type again.
        </p>
      )}
      <ul
        id={`${id}-list`}
        role="listbox"
        aria-label="Users found"
        hidden={!open}
        className="mt-1 max-h-[28rem] divide-y divide-gray-200 overflow-y-auto rounded-md border border-gray-300 bg-white shadow-sm dark:divide-gray-700 dark:border-gray-600 dark:bg-gray-900"
      >
        {hits.map((hit, index) => (
          <SearchOption
            key={hit.id}
            id={`${id}-opt-${index}`}
            hit={hit}
            query={typed}
            active={index === active}
            onPick={() => openUser(index)}
            onHover={() => setActive(index)}
          />
        ))}
      </ul>
    </div>
  );
}
