import { z } from "zod";
import { ticketPriorityEnum, ticketStatusEnum } from "@/db/schema";
import { staffCallerOf } from "../../services/staff-caller";
import { addInternalNote, assignTicket, replyToTicket, setTicketPriority, setTicketStatus } from "../../services/staff-ticket-changes";
import { ticketAssignees } from "../../services/staff-ticket-assignees";
import { QUEUE_MAX, staffTicket, ticketQueue } from "../../services/staff-tickets";
import { router } from "../init";
import { staffProcedure } from "../procedures";

const ticketId = z.uuid("No such ticket.");
const status = z.enum(ticketStatusEnum.enumValues);
const priority = z.enum(ticketPriorityEnum.enumValues);
// One value or several: the queue's filter chips send a list, a link sends one.
const oneOrMany = <T extends z.ZodType>(schema: T) => z.union([schema, z.array(schema)]).optional().transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]));
const message = z.string().trim().min(1, "Write a message first.").max(5000, "Keep it under 5000 characters.");

/** Help desk: tickets (F17). Scope: the ticket's requester, per the procedure's permission. */
export const staffTicketsRouter = router({
  queue: staffProcedure("tickets.read")
    .input(
      z.object({
        status: oneOrMany(status),
        priority: oneOrMany(priority),
        assignee: z.union([z.literal("me"), z.literal("unassigned"), z.uuid()]).optional(),
        mine: z.boolean().optional(),
        sort: z.enum(["due", "updated"]).default("due"),
        cursor: z.string().max(500).optional(),
        limit: z.number().int().min(1).max(QUEUE_MAX).default(50),
      }),
    )
    .query(({ ctx, input }) => ticketQueue(ctx.db, staffCallerOf(ctx), input)),
  get: staffProcedure("tickets.read")
    .input(z.object({ ticketId }))
    .query(({ ctx, input }) => staffTicket(ctx.db, staffCallerOf(ctx), input.ticketId)),
  /** Who the ticket can be assigned to: staff with tickets.update over its requester. */
  assignees: staffProcedure("tickets.assign")
    .input(z.object({ ticketId }))
    .query(({ ctx, input }) => ticketAssignees(ctx.db, staffCallerOf(ctx), input.ticketId)),
  assign: staffProcedure("tickets.assign")
    .input(z.object({ ticketId, assigneeId: z.uuid("Choose a staff member.").nullable() }))
    .mutation(({ ctx, input }) => assignTicket(ctx.db, staffCallerOf(ctx), input.ticketId, input.assigneeId)),
  reply: staffProcedure("tickets.update")
    .input(z.object({ ticketId, body: message }))
    .mutation(({ ctx, input }) => replyToTicket(ctx.db, staffCallerOf(ctx), input.ticketId, input.body)),
  note: staffProcedure("tickets.update")
    .input(z.object({ ticketId, body: message }))
    .mutation(({ ctx, input }) => addInternalNote(ctx.db, staffCallerOf(ctx), input.ticketId, input.body)),
  setStatus: staffProcedure("tickets.update")
    .input(z.object({ ticketId, status }))
    .mutation(({ ctx, input }) => setTicketStatus(ctx.db, staffCallerOf(ctx), input.ticketId, input.status)),
  setPriority: staffProcedure("tickets.update")
    .input(z.object({ ticketId, priority }))
    .mutation(({ ctx, input }) => setTicketPriority(ctx.db, staffCallerOf(ctx), input.ticketId, input.priority)),
});
