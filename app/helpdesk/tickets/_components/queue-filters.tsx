"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { Button } from "@/app/_components/ui/button";
import { Select } from "./form-controls";
import { parseQueueParams, queueHref, type QueueParams } from "./queue-params";
import { priorityLabels, statusLabels, ticketPriorities, ticketStatuses } from "./ticket-labels";

/**
 * The queue's filters as a GET form: submitting puts them in the URL (a new history entry, so
 * Back returns to the previous filters). With JavaScript the URL is built without empty fields;
 * without it the browser submits the same form natively. Nothing navigates until "Apply", so
 * moving through the selects with the keyboard never reloads the list under the user.
 */
export function QueueFilters({ params }: { params: QueueParams }) {
  const router = useRouter();
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = Object.fromEntries([...new FormData(event.currentTarget).entries()].map(([key, value]) => [key, String(value)]));
    router.push(queueHref(parseQueueParams(data)));
  }
  return (
    <form
      // Keyed by the URL's filters, so Back and Forward reset the fields to what the list shows.
      key={queueHref(params)}
      method="get"
      action="/helpdesk/tickets"
      onSubmit={onSubmit}
      aria-label="Filter tickets"
      className="flex flex-wrap items-end gap-3 rounded-lg border border-gray-200 bg-gray-50 p-3 dark:border-gray-700 dark:bg-gray-950"
    >
      <Select label="Status" name="status" defaultValue={params.status} className="w-48" labelClassName="text-sm">
        <option value="active">Active (not resolved)</option>
        <option value="all">All statuses</option>
        {ticketStatuses.map((status) => (
          <option key={status} value={status}>
            {statusLabels[status]}
          </option>
        ))}
      </Select>
      <Select label="Priority" name="priority" defaultValue={params.priority} className="w-40" labelClassName="text-sm">
        <option value="">Any priority</option>
        {ticketPriorities.map((priority) => (
          <option key={priority} value={priority}>
            {priorityLabels[priority]}
          </option>
        ))}
      </Select>
      <Select label="Assignee" name="assignee" defaultValue={params.assignee} className="w-44" labelClassName="text-sm">
        <option value="">Anyone</option>
        <option value="me">Mine</option>
        <option value="unassigned">Unassigned</option>
      </Select>
      <Select label="Sort by" name="sort" defaultValue={params.sort} className="w-44" labelClassName="text-sm">
        <option value="due">Due soonest</option>
        <option value="updated">Last activity</option>
      </Select>
      <Button type="submit">Apply filters</Button>
      <Link href="/helpdesk/tickets" className="inline-flex min-h-11 items-center px-2 font-medium underline underline-offset-4">
        Reset
      </Link>
    </form>
  );
}
