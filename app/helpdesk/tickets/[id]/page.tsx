import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { STATUS_MOVES } from "@/server/services/staff-ticket-changes";
import { DUE_IN_MS } from "@/server/services/support-requests";
import { serverApi } from "@/server/trpc/server-caller";
import { MissingPermission } from "../_components/missing-permission";
import { TicketView } from "./_components/ticket-view";

export const metadata: Metadata = { title: "Ticket" };

/**
 * One ticket for the help desk. Rendered on the server first: an unknown, malformed or
 * out-of-scope id answers the not-found page with HTTP 404 (this segment has no loading.tsx, so
 * nothing has streamed before the answer is known). The status rules and due times come from the
 * server's own tables, so the controls offer exactly what the server accepts.
 */
export default async function TicketPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const api = await serverApi();
  const [ticket, overview, profile] = await Promise.all([
    api.staff.tickets.get({ ticketId: id }).catch((error: unknown) => {
      if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
      if (error instanceof TRPCError && error.code === "FORBIDDEN") return null;
      throw error;
    }),
    api.staff.overview(),
    api.me.profile(),
  ]);
  if (!ticket) return <MissingPermission title="Ticket" permission="tickets.read" />;
  const can = (permission: string) => overview.permissions.includes(permission as (typeof overview.permissions)[number]);
  return (
    <TicketView
      initial={ticket}
      me={{ id: profile.id, name: profile.name }}
      rights={{ update: can("tickets.update"), assign: can("tickets.assign"), live: can("users.read") }}
      statusMoves={STATUS_MOVES}
      dueInMs={DUE_IN_MS}
    />
  );
}
