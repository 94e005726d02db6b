import { relations, sql } from "drizzle-orm";
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { devices } from "./devices";
import { users } from "./users";

export const commandKindEnum = pgEnum("command_kind", [
  "sync",
  "rename",
  "lock",
  "lost_mode_off",
  "reset_passcode",
  "retire",
  "wipe",
]);
export const commandStatusEnum = pgEnum("command_status", ["pending", "sent", "completed", "failed", "canceled", "expired"]);
export const commandOriginEnum = pgEnum("command_origin", ["self_service", "help_desk", "policy"]);

export const deviceCommands = pgTable(
  "device_commands",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    deviceId: uuid("device_id").notNull().references(() => devices.id, { onDelete: "cascade" }),
    kind: commandKindEnum("kind").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    status: commandStatusEnum("status").notNull().default("pending"),
    result: jsonb("result").$type<Record<string, unknown>>(),
    error: text("error"),
    // Temporary passcode for reset_passcode, encrypted at rest (AES-GCM, key derived from the app secret).
    secretCiphertext: text("secret_ciphertext"),
    requestedById: uuid("requested_by_id").references(() => users.id, { onDelete: "set null" }),
    origin: commandOriginEnum("origin").notNull(),
    reason: text("reason"),
    deliveryAttempts: integer("delivery_attempts").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("device_commands_device_status_idx").on(t.deviceId, t.status),
    index("device_commands_status_expires_idx").on(t.status, t.expiresAt),
    index("device_commands_requested_by_idx").on(t.requestedById),
    // At most one active wipe or retire per device, enforced by the database itself.
    uniqueIndex("device_commands_one_active_destructive_uq")
      .on(t.deviceId)
      .where(sql`${t.kind} in ('wipe', 'retire') and ${t.status} in ('pending', 'sent')`),
  ],
);

export const deviceCommandsRelations = relations(deviceCommands, ({ one }) => ({
  device: one(devices, { fields: [deviceCommands.deviceId], references: [devices.id] }),
  requestedBy: one(users, { fields: [deviceCommands.requestedById], references: [users.id] }),
}));
