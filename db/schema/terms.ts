import { relations } from "drizzle-orm";
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { groups, users } from "./users";

// A terms document (e.g. "Acceptable use") assigned to all users or to groups; its text lives in versions.
export const terms = pgTable("terms", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  allUsers: boolean("all_users").notNull().default(true),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const termsGroups = pgTable(
  "terms_groups",
  {
    termsId: uuid("terms_id").notNull().references(() => terms.id, { onDelete: "cascade" }),
    groupId: uuid("group_id").notNull().references(() => groups.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.termsId, t.groupId] })],
);

export const termsVersions = pgTable(
  "terms_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    termsId: uuid("terms_id").notNull().references(() => terms.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    // Markdown.
    body: text("body").notNull(),
    // Null while a draft.
    publishedAt: timestamp("published_at", { withTimezone: true }),
    // When true, users who accepted an earlier version must accept this one before enrolling or acting.
    requiresReacceptance: boolean("requires_reacceptance").notNull().default(true),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("terms_versions_terms_version_uq").on(t.termsId, t.version)],
);

export const termsAcceptances = pgTable(
  "terms_acceptances",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    termsVersionId: uuid("terms_version_id").notNull().references(() => termsVersions.id, { onDelete: "cascade" }),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }).notNull().defaultNow(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [
    uniqueIndex("terms_acceptances_user_version_uq").on(t.userId, t.termsVersionId),
    index("terms_acceptances_version_idx").on(t.termsVersionId, t.acceptedAt),
  ],
);

export const termsRelations = relations(terms, ({ many }) => ({ versions: many(termsVersions), groups: many(termsGroups) }));
export const termsGroupsRelations = relations(termsGroups, ({ one }) => ({
  terms: one(terms, { fields: [termsGroups.termsId], references: [terms.id] }),
  group: one(groups, { fields: [termsGroups.groupId], references: [groups.id] }),
}));
export const termsVersionsRelations = relations(termsVersions, ({ one, many }) => ({
  terms: one(terms, { fields: [termsVersions.termsId], references: [terms.id] }),
  acceptances: many(termsAcceptances),
}));
export const termsAcceptancesRelations = relations(termsAcceptances, ({ one }) => ({
  user: one(users, { fields: [termsAcceptances.userId], references: [users.id] }),
  version: one(termsVersions, { fields: [termsAcceptances.termsVersionId], references: [termsVersions.id] }),
}));
