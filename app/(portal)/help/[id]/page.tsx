import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { serverApi } from "@/server/trpc/server-caller";
import { RequestThread } from "../_components/request-thread";

export const metadata: Metadata = { title: "Support request" };

export default async function RequestPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const api = await serverApi();
  const request = await api.tickets.get({ ticketId: id }).catch((error: unknown) => {
    // Someone else's request, or a mistyped address: the same "not found", never a hint it exists.
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  });
  return <RequestThread initial={request} />;
}
