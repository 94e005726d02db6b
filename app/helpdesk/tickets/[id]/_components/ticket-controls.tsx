"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { useTRPC } from "@/app/_trpc/client";
import { problemOf, Select } from "../../_components/form-controls";
import { dateTimeText, priorityLabels, statusLabels, ticketPriorities, type TicketPriority, type TicketStatus } from "../../_components/ticket-labels";
import type { StaffTicket } from "./ticket-view";

type Props = { ticket: StaffTicket; onDone: () => Promise<unknown> };

/** What happened after a change: a polite status line, or the server's refusal as an alert. */
function Outcome({ done, failure }: { done: string | null; failure: string | null }) {
  if (failure) return <Alert tone="error">{failure}</Alert>;
  return (
    <p role="status" className="text-sm text-gray-700 dark:text-gray-300">
      {done}
    </p>
  );
}

/**
 * Status: only the moves the server allows from here (its own table, passed down), plus a direct
 * "Resolve" since that is the most common last step.
 */
export function StatusControl({ ticket, moves, onDone }: Props & { moves: readonly TicketStatus[] }) {
  const trpc = useTRPC();
  const setStatus = useMutation(trpc.staff.tickets.setStatus.mutationOptions());
  const [choice, setChoice] = useState<TicketStatus | "">("");
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // A live change elsewhere may make the chosen move impossible: then nothing is chosen.
  const selected = choice && moves.includes(choice) ? choice : "";

  async function change(to: TicketStatus) {
    setDone(null);
    setFailure(null);
    try {
      await setStatus.mutateAsync({ ticketId: ticket.id, status: to });
      setChoice("");
      setDone(`Status changed to ${statusLabels[to]}.`);
      await onDone();
    } catch (caught) {
      setFailure(problemOf(caught).message);
    }
  }

  return (
    <form
      aria-label="Change status"
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (selected) void change(selected);
        else setFailure("Choose the new status first.");
      }}
    >
      <Select label="Move to status" name="status" value={selected} onChange={(event) => setChoice(event.target.value as TicketStatus | "")} hint={`Now: ${statusLabels[ticket.status]}.`}>
        <option value="">Choose…</option>
        {moves.map((status) => (
          <option key={status} value={status}>
            {statusLabels[status]}
          </option>
        ))}
      </Select>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="secondary" disabled={setStatus.isPending}>
          Change status
        </Button>
        {moves.includes("resolved") && (
          <Button disabled={setStatus.isPending} onClick={() => void change("resolved")}>
            Resolve
          </Button>
        )}
      </div>
      <Outcome done={done} failure={failure} />
    </form>
  );
}

/** Priority: the due time follows it (counted from when the ticket was opened), shown before saving. */
export function PriorityControl({ ticket, dueInMs, onDone }: Props & { dueInMs: Record<TicketPriority, number> }) {
  const trpc = useTRPC();
  const setPriority = useMutation(trpc.staff.tickets.setPriority.mutationOptions());
  const [choice, setChoice] = useState<TicketPriority | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const selected = choice ?? ticket.priority;
  const due = new Date(new Date(ticket.createdAt).getTime() + dueInMs[selected]);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(null);
    setFailure(null);
    if (selected === ticket.priority) return setDone(`Priority is already ${priorityLabels[selected]}.`);
    try {
      const result = await setPriority.mutateAsync({ ticketId: ticket.id, priority: selected });
      setChoice(null);
      const dueAt = "dueAt" in result ? result.dueAt : due;
      setDone(`Priority set to ${priorityLabels[selected]}; now due ${dateTimeText(dueAt)}.`);
      await onDone();
    } catch (caught) {
      setFailure(problemOf(caught).message);
    }
  }

  return (
    <form aria-label="Change priority" className="space-y-2" onSubmit={onSubmit}>
      <Select
        label="Priority"
        name="priority"
        value={selected}
        onChange={(event) => setChoice(event.target.value as TicketPriority)}
        hint={selected !== ticket.priority ? `Would be due ${dateTimeText(due)}.` : ticket.dueAt ? `Due ${dateTimeText(ticket.dueAt)}.` : "No due time."}
      >
        {ticketPriorities.map((priority) => (
          <option key={priority} value={priority}>
            {priorityLabels[priority]}
          </option>
        ))}
      </Select>
      <Button type="submit" variant="secondary" disabled={setPriority.isPending}>
        Set priority
      </Button>
      <Outcome done={done} failure={failure} />
    </form>
  );
}
