"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { auditHref, parseAuditParams, type AuditParams } from "./audit-params";
import { UserSearch, type PickedUser } from "./user-picker";

const ACTION_PREFIXES = ["auth.", "device.", "enrollment.", "role.", "role_assignment.", "terms.", "ticket.", "user."];

/**
 * One person filter: the chosen user with a way to clear it, or a search to choose one. Focus
 * follows the switch (to "Clear" after choosing, to the search after clearing), so a keyboard
 * user is never dropped at the top of the page.
 */
function PersonFilter({ name, label, chosen, onChange }: { name: string; label: string; chosen: PickedUser | null; onChange: (user: PickedUser | null) => void }) {
  const clear = useRef<HTMLButtonElement>(null);
  const search = useRef<HTMLDivElement>(null);
  const moved = useRef(false);
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    if (chosen) clear.current?.focus();
    else search.current?.querySelector("input")?.focus();
  }, [chosen]);
  const change = (user: PickedUser | null) => {
    moved.current = true;
    onChange(user);
  };
  if (!chosen) {
    return (
      <div ref={search}>
        <UserSearch label={label} onPick={change} />
      </div>
    );
  }
  return (
    <div>
      <p className="text-sm font-medium">{label}</p>
      <input type="hidden" name={name} value={chosen.id} />
      <p className="mt-1 flex min-h-11 items-center gap-2 rounded-md border border-gray-300 px-3 dark:border-gray-600">
        <span className="min-w-0 flex-1 truncate">{chosen.name}</span>
        <button ref={clear} type="button" className="rounded px-1 py-1 text-sm font-medium underline underline-offset-4" onClick={() => change(null)}>
          Clear<span className="sr-only"> {label.toLowerCase()}</span>
        </button>
      </p>
    </div>
  );
}

type Props = { params: AuditParams; names: { actor: string | null; subject: string | null }; error: { field: string; message: string } | null };

/**
 * The audit log's filters as a form that writes the URL (linkable; Back returns to the previous
 * filters). Nothing is fetched until "Apply", so typing a date does not reload the table.
 */
export function AuditFilters({ params, names, error }: Props) {
  const router = useRouter();
  const [actor, setActor] = useState<PickedUser | null>(params.actorId ? { id: params.actorId, name: names.actor ?? "The chosen user" } : null);
  const [subject, setSubject] = useState<PickedUser | null>(params.subjectUserId ? { id: params.subjectUserId, name: names.subject ?? "The chosen user" } : null);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = Object.fromEntries([...new FormData(event.currentTarget).entries()].map(([key, value]) => [key, String(value)]));
    router.push(auditHref(parseAuditParams(data)));
  }
  const fieldError = (field: string) => (error?.field === field ? error.message : null);

  return (
    <form method="get" action="/helpdesk/audit" onSubmit={onSubmit} aria-label="Filter the audit log" className="rounded-lg border border-gray-200 bg-gray-50 p-3 dark:border-gray-700 dark:bg-gray-950">
      <div className="grid grid-cols-1 gap-3 md:grid-cols-[repeat(2,minmax(0,1fr))_minmax(0,12rem)_repeat(2,minmax(0,10rem))]">
        <PersonFilter name="actorId" label="Actor" chosen={actor} onChange={setActor} />
        <PersonFilter name="subjectUserId" label="Subject user" chosen={subject} onChange={setSubject} />
        <div>
          <Field label="Action starts with" name="action" defaultValue={params.action} list="audit-action-prefixes" autoComplete="off" spellCheck={false} error={fieldError("action")} className="text-sm" />
          <datalist id="audit-action-prefixes">
            {ACTION_PREFIXES.map((prefix) => (
              <option key={prefix} value={prefix} />
            ))}
          </datalist>
        </div>
        <Field label="From" name="from" type="date" defaultValue={params.from} error={fieldError("from")} className="text-sm" />
        <Field label="To (inclusive)" name="to" type="date" defaultValue={params.to} error={fieldError("to")} className="text-sm" />
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <Button type="submit">Apply filters</Button>
        <Link href="/helpdesk/audit" className="inline-flex min-h-11 items-center px-2 font-medium underline underline-offset-4">
          Reset
        </Link>
        <p className="text-sm text-gray-700 dark:text-gray-300">Dates are whole days in UTC.</p>
      </div>
    </form>
  );
}
