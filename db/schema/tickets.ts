import { relations } from "drizzle-orm";
import { index, jsonb, pgEnum, pgTable, serial, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { devices } from "./devices";
import { users } from "./users";

export const ticketStatusEnum = pgEnum("ticket_status", ["open", "in_progress", "waiting_on_user", "resolved", "closed"]);
export const ticketPriorityEnum = pgEnum("ticket_priority", ["low", "normal", "high", "urgent"]);
export const ticketSourceEnum = pgEnum("ticket_source", ["portal", "not_you_report", "staff"]);
export const ticketEventKindEnum = pgEnum("ticket_event_kind", [
  "comment",
  "internal_note",
  "status_change",
  "assignment",
  "priority_change",
]);

export const tickets = pgTable(
  "tickets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Human-facing number ("#1042").
    number: serial("number").notNull().unique(),
    requesterId: uuid("requester_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    deviceId: uuid("device_id").references(() => devices.id, { onDelete: "set null" }),
    subject: text("subject").notNull(),
    status: ticketStatusEnum("status").notNull().default("open"),
    priority: ticketPriorityEnum("priority").notNull().default("normal"),
    source: ticketSourceEnum("source").notNull().default("portal"),
    assigneeId: uuid("assignee_id").references(() => users.id, { onDelete: "set null" }),
    dueAt: timestamp("due_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (t) => [
    index("tickets_status_due_idx").on(t.status, t.dueAt),
    index("tickets_requester_idx").on(t.requesterId, t.createdAt),
    index("tickets_assignee_idx").on(t.assigneeId, t.status),
  ],
);

export const ticketEvents = pgTable(
  "ticket_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ticketId: uuid("ticket_id").notNull().references(() => tickets.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    kind: ticketEventKindEnum("kind").notNull(),
    body: text("body"),
    // Old and new values for status, assignment and priority changes.
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("ticket_events_ticket_idx").on(t.ticketId, t.createdAt)],
);

export const ticketsRelations = relations(tickets, ({ one, many }) => ({
  requester: one(users, { fields: [tickets.requesterId], references: [users.id], relationName: "requester" }),
  assignee: one(users, { fields: [tickets.assigneeId], references: [users.id], relationName: "assignee" }),
  device: one(devices, { fields: [tickets.deviceId], references: [devices.id] }),
  events: many(ticketEvents),
}));
export const ticketEventsRelations = relations(ticketEvents, ({ one }) => ({
  ticket: one(tickets, { fields: [ticketEvents.ticketId], references: [tickets.id] }),
  author: one(users, { fields: [ticketEvents.authorId], references: [users.id] }),
}));
