"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { useTRPC } from "@/app/_trpc/client";
import { problemOf, Select } from "../../_components/form-controls";
import type { StaffTicket } from "./ticket-view";

const UNASSIGNED = "";

/**
 * Assignment: anyone the server lists as able to work this requester's tickets, or nobody; and
 * "Assign to me", the one-keystroke case, when the caller is among them.
 */
export function AssignControl({ ticket, me, onDone }: { ticket: StaffTicket; me: { id: string; name: string }; onDone: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const assignees = useQuery(trpc.staff.tickets.assignees.queryOptions({ ticketId: ticket.id }));
  const assign = useMutation(trpc.staff.tickets.assign.mutationOptions());
  const [choice, setChoice] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const selected = choice ?? ticket.assigneeId ?? UNASSIGNED;
  const people = assignees.data ?? [];
  const canTakeIt = people.some((person) => person.id === me.id) && ticket.assigneeId !== me.id;

  async function assignTo(assigneeId: string | null) {
    setDone(null);
    setFailure(null);
    if (assigneeId === ticket.assigneeId) return setDone("No change: that is the current assignee.");
    try {
      await assign.mutateAsync({ ticketId: ticket.id, assigneeId });
      setChoice(null);
      const name = assigneeId === me.id ? "you" : (people.find((person) => person.id === assigneeId)?.name ?? "nobody");
      setDone(assigneeId ? `Assigned to ${name}.` : "Unassigned.");
      await onDone();
    } catch (caught) {
      setFailure(problemOf(caught).message);
    }
  }

  return (
    <form
      aria-label="Assign"
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        void assignTo(selected || null);
      }}
    >
      <Select
        label="Assignee"
        name="assigneeId"
        value={selected}
        onChange={(event) => setChoice(event.target.value)}
        disabled={assignees.isPending}
        hint={assignees.isError ? "The list of staff could not be loaded." : `Now: ${ticket.assigneeName ?? "unassigned"}.`}
      >
        <option value={UNASSIGNED}>Unassigned</option>
        {/* The current assignee stays listed even if they can no longer work it, so the select shows the truth. */}
        {ticket.assigneeId && !people.some((person) => person.id === ticket.assigneeId) && <option value={ticket.assigneeId}>{ticket.assigneeName ?? "Former staff member"}</option>}
        {people.map((person) => (
          <option key={person.id} value={person.id}>
            {person.id === me.id ? `${person.name} (me)` : person.name}
          </option>
        ))}
      </Select>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="secondary" disabled={assign.isPending}>
          Assign
        </Button>
        {canTakeIt && (
          <Button disabled={assign.isPending} onClick={() => void assignTo(me.id)}>
            Assign to me
          </Button>
        )}
      </div>
      {failure ? (
        <Alert tone="error">{failure}</Alert>
      ) : (
        <p role="status" className="text-sm text-gray-700 dark:text-gray-300">
          {done}
        </p>
      )}
    </form>
  );
}
