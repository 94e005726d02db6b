import { relations, sql } from "drizzle-orm";
import { index, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { ownershipEnum, platformEnum } from "./enums";
import { users } from "./users";

export const managementStateEnum = pgEnum("management_state", [
  "enrolled",
  "lost_mode",
  "retire_pending",
  "retired",
  "wipe_pending",
  "wiped",
]);
export const complianceStateEnum = pgEnum("compliance_state", ["unknown", "compliant", "in_grace", "noncompliant"]);

/** What a device reports at check-in; open-ended so agents can add facts without a migration. */
export type DeviceInventory = {
  passcodeSet?: boolean;
  encrypted?: boolean;
  jailbroken?: boolean;
  storageTotalGb?: number;
  storageFreeGb?: number;
  batteryLevel?: number;
  [fact: string]: unknown;
};

export const deviceCategories = pgTable("device_categories", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  description: text("description"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const scopeTags = pgTable("scope_tags", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  description: text("description"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const devices = pgTable(
  "devices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerId: uuid("owner_id").notNull().references(() => users.id, { onDelete: "restrict" }),
    displayName: text("display_name").notNull(),
    platform: platformEnum("platform").notNull(),
    osVersion: text("os_version").notNull(),
    model: text("model"),
    manufacturer: text("manufacturer"),
    serial: text("serial"),
    imei: text("imei"),
    ownership: ownershipEnum("ownership").notNull(),
    categoryId: uuid("category_id").references(() => deviceCategories.id, { onDelete: "set null" }),
    managementState: managementStateEnum("management_state").notNull().default("enrolled"),
    complianceState: complianceStateEnum("compliance_state").notNull().default("unknown"),
    complianceSince: timestamp("compliance_since", { withTimezone: true }).notNull().defaultNow(),
    // Set while in grace: when the device becomes noncompliant unless fixed.
    graceDeadline: timestamp("grace_deadline", { withTimezone: true }),
    lostModeMessage: text("lost_mode_message"),
    lostModePhone: text("lost_mode_phone"),
    inventory: jsonb("inventory").$type<DeviceInventory>().notNull().default({}),
    // sha256 of the device secret; the secret itself is shown once at enrollment.
    secretHash: text("secret_hash").unique(),
    enrolledAt: timestamp("enrolled_at", { withTimezone: true }).notNull().defaultNow(),
    lastCheckInAt: timestamp("last_check_in_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("devices_owner_idx").on(t.ownerId),
    index("devices_serial_trgm_idx").using("gin", sql`lower(${t.serial}) gin_trgm_ops`),
    index("devices_imei_trgm_idx").using("gin", sql`${t.imei} gin_trgm_ops`),
    index("devices_compliance_idx").on(t.complianceState, t.graceDeadline),
    index("devices_last_check_in_idx").on(t.lastCheckInAt),
  ],
);

export const deviceScopeTags = pgTable(
  "device_scope_tags",
  {
    deviceId: uuid("device_id").notNull().references(() => devices.id, { onDelete: "cascade" }),
    tagId: uuid("tag_id").notNull().references(() => scopeTags.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.deviceId, t.tagId] }), index("device_scope_tags_tag_idx").on(t.tagId)],
);

export const devicesRelations = relations(devices, ({ one, many }) => ({
  owner: one(users, { fields: [devices.ownerId], references: [users.id] }),
  category: one(deviceCategories, { fields: [devices.categoryId], references: [deviceCategories.id] }),
  scopeTags: many(deviceScopeTags),
}));
export const deviceScopeTagsRelations = relations(deviceScopeTags, ({ one }) => ({
  device: one(devices, { fields: [deviceScopeTags.deviceId], references: [devices.id] }),
  tag: one(scopeTags, { fields: [deviceScopeTags.tagId], references: [scopeTags.id] }),
}));
