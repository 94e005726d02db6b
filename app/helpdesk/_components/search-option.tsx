"use client";

import { useEffect, useRef } from "react";
import { StatusPill } from "../../_components/ui/status-pill";
import { matchedLabels, userStatusLabels } from "./labels";
import type { UserHit } from "./types";

/** The typed text marked inside a value, when it occurs there as typed (not for fuzzy hits). */
function Highlighted({ value, query }: { value: string; query: string }) {
  const at = query ? value.toLowerCase().indexOf(query.toLowerCase()) : -1;
  if (at < 0) return <>{value}</>;
  return (
    <>
      {value.slice(0, at)}
      <mark className="rounded-sm bg-yellow-200 text-gray-950 dark:bg-yellow-300">{value.slice(at, at + query.length)}</mark>
      {value.slice(at + query.length)}
    </>
  );
}

/**
 * One search result: a listbox option (not a link: options may hold no interactive content),
 * with who it is, their status and what matched, on two dense lines.
 */
export function SearchOption({
  id,
  hit,
  query,
  active,
  onPick,
  onHover,
}: {
  id: string;
  hit: UserHit;
  query: string;
  active: boolean;
  onPick: () => void;
  onHover: () => void;
}) {
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (active) ref.current?.scrollIntoView({ block: "nearest" });
  }, [active]);
  const status = hit.status !== "active" ? userStatusLabels[hit.status] : null;
  // The name and e-mail are on show already: for them, saying which one matched is enough.
  const showValue = hit.matched.field !== "name" && hit.matched.field !== "email";
  return (
    <li
      ref={ref}
      id={id}
      role="option"
      aria-selected={active}
      // Mouse users pick with a click; keyboard focus stays in the box (aria-activedescendant).
      onMouseDown={(event) => event.preventDefault()}
      onClick={onPick}
      onMouseMove={onHover}
      className={`cursor-pointer px-3 py-2 ${active ? "bg-blue-50 outline-2 -outline-offset-2 outline-brand dark:bg-gray-800" : "hover:bg-gray-50 dark:hover:bg-gray-800"}`}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="font-semibold">
          <Highlighted value={hit.name} query={query} />
        </span>
        {status && <StatusPill tone={status.tone}>{status.text}</StatusPill>}
        <span className="text-sm text-gray-700 dark:text-gray-300">
          <Highlighted value={hit.email} query={query} />
        </span>
        {hit.department && <span className="ml-auto text-sm text-gray-700 dark:text-gray-300">{hit.department}</span>}
      </div>
      <p className="text-sm text-gray-700 dark:text-gray-300">
        <span className="font-medium">{matchedLabels[hit.matched.field] ?? hit.matched.field}</span>{" "}
        {showValue ? (
          <span className="font-mono">
            <Highlighted value={hit.matched.value} query={query} />
          </span>
        ) : (
          "matched"
        )}
      </p>
    </li>
  );
}
