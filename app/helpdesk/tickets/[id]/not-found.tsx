import Link from "next/link";

/** An unknown ticket and one outside the caller's scope read the same: nothing says it exists. */
export default function TicketNotFound() {
  return (
    <div className="mx-auto max-w-lg py-10 text-center">
      <h1 className="text-2xl font-semibold">Ticket not found</h1>
      <p className="mt-3 text-gray-700 dark:text-gray-300">This ticket does not exist, or its requester is outside your scope.</p>
      <Link href="/helpdesk/tickets" className="mt-6 inline-flex min-h-11 items-center rounded-md bg-brand px-4 font-medium text-brand-contrast hover:bg-brand-strong">
        Back to the ticket queue
      </Link>
    </div>
  );
}
