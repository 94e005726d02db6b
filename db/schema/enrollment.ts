import { relations } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { devices } from "./devices";
import { ownershipEnum, platformEnum } from "./enums";
import { groups, users } from "./users";

export const enrollmentOutcomeEnum = pgEnum("enrollment_outcome", ["success", "failure"]);

export const enrollmentCodes = pgTable(
  "enrollment_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // sha256 of the one-time code; the code itself is only ever shown to the user.
    codeHash: text("code_hash").notNull(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    ownership: ownershipEnum("ownership").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    deviceId: uuid("device_id").references(() => devices.id, { onDelete: "set null" }),
  },
  (t) => [uniqueIndex("enrollment_codes_hash_uq").on(t.codeHash), index("enrollment_codes_user_idx").on(t.userId, t.createdAt)],
);

export const enrollmentEvents = pgTable(
  "enrollment_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    codeId: uuid("code_id").references(() => enrollmentCodes.id, { onDelete: "set null" }),
    deviceId: uuid("device_id").references(() => devices.id, { onDelete: "set null" }),
    outcome: enrollmentOutcomeEnum("outcome").notNull(),
    // Stable machine-readable reason for failures (e.g. "platform_blocked", "device_limit").
    reasonCode: text("reason_code"),
    message: text("message"),
    platform: platformEnum("platform"),
    osVersion: text("os_version"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    ip: text("ip"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("enrollment_events_user_idx").on(t.userId, t.createdAt), index("enrollment_events_outcome_idx").on(t.outcome, t.createdAt)],
);

// Restrictions are assigned to groups with a priority; the default one (no groups) applies to everyone else.
export const enrollmentRestrictions = pgTable("enrollment_restrictions", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  priority: integer("priority").notNull().default(0),
  isDefault: boolean("is_default").notNull().default(false),
  deviceLimit: integer("device_limit").notNull().default(5),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const enrollmentRestrictionPlatforms = pgTable(
  "enrollment_restriction_platforms",
  {
    restrictionId: uuid("restriction_id").notNull().references(() => enrollmentRestrictions.id, { onDelete: "cascade" }),
    platform: platformEnum("platform").notNull(),
    allowed: boolean("allowed").notNull().default(true),
    minOsVersion: text("min_os_version"),
    maxOsVersion: text("max_os_version"),
    personalAllowed: boolean("personal_allowed").notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.restrictionId, t.platform] })],
);

export const enrollmentRestrictionGroups = pgTable(
  "enrollment_restriction_groups",
  {
    restrictionId: uuid("restriction_id").notNull().references(() => enrollmentRestrictions.id, { onDelete: "cascade" }),
    groupId: uuid("group_id").notNull().references(() => groups.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.restrictionId, t.groupId] })],
);

export const enrollmentCodesRelations = relations(enrollmentCodes, ({ one }) => ({
  user: one(users, { fields: [enrollmentCodes.userId], references: [users.id] }),
  device: one(devices, { fields: [enrollmentCodes.deviceId], references: [devices.id] }),
}));
export const enrollmentEventsRelations = relations(enrollmentEvents, ({ one }) => ({
  user: one(users, { fields: [enrollmentEvents.userId], references: [users.id] }),
  device: one(devices, { fields: [enrollmentEvents.deviceId], references: [devices.id] }),
}));
export const enrollmentRestrictionsRelations = relations(enrollmentRestrictions, ({ many }) => ({
  platforms: many(enrollmentRestrictionPlatforms),
  groups: many(enrollmentRestrictionGroups),
}));
export const enrollmentRestrictionPlatformsRelations = relations(enrollmentRestrictionPlatforms, ({ one }) => ({
  restriction: one(enrollmentRestrictions, {
    fields: [enrollmentRestrictionPlatforms.restrictionId],
    references: [enrollmentRestrictions.id],
  }),
}));
export const enrollmentRestrictionGroupsRelations = relations(enrollmentRestrictionGroups, ({ one }) => ({
  restriction: one(enrollmentRestrictions, {
    fields: [enrollmentRestrictionGroups.restrictionId],
    references: [enrollmentRestrictions.id],
  }),
  group: one(groups, { fields: [enrollmentRestrictionGroups.groupId], references: [groups.id] }),
}));
