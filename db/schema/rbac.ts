import { relations, sql } from "drizzle-orm";
import { boolean, check, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { scopeTags } from "./devices";
import { groups, users } from "./users";

export const roles = pgTable("roles", {
  id: uuid("id").primaryKey().defaultRandom(),
  // Stable key for built-in roles ("help_desk_operator"); null for custom roles.
  builtInKey: text("built_in_key").unique(),
  name: text("name").notNull().unique(),
  description: text("description"),
  permissions: text("permissions").array().notNull().default(sql`'{}'::text[]`),
  builtIn: boolean("built_in").notNull().default(false),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const roleAssignments = pgTable(
  "role_assignments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    roleId: uuid("role_id").notNull().references(() => roles.id, { onDelete: "cascade" }),
    name: text("name").notNull().unique(),
    description: text("description"),
    // Scope: every user, or only members of the scope groups.
    allUsers: boolean("all_users").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("role_assignments_role_idx").on(t.roleId)],
);

// Who holds the assignment: a user directly or every member of a group.
export const roleAssignmentMembers = pgTable(
  "role_assignment_members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    assignmentId: uuid("assignment_id").notNull().references(() => roleAssignments.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    groupId: uuid("group_id").references(() => groups.id, { onDelete: "cascade" }),
  },
  (t) => [
    check("role_assignment_members_one_kind", sql`(${t.userId} is null) <> (${t.groupId} is null)`),
    uniqueIndex("role_assignment_members_user_uq").on(t.assignmentId, t.userId),
    uniqueIndex("role_assignment_members_group_uq").on(t.assignmentId, t.groupId),
    index("role_assignment_members_user_idx").on(t.userId),
    index("role_assignment_members_group_idx").on(t.groupId),
  ],
);

export const roleAssignmentScopeGroups = pgTable(
  "role_assignment_scope_groups",
  {
    assignmentId: uuid("assignment_id").notNull().references(() => roleAssignments.id, { onDelete: "cascade" }),
    groupId: uuid("group_id").notNull().references(() => groups.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.assignmentId, t.groupId] })],
);

export const roleAssignmentScopeTags = pgTable(
  "role_assignment_scope_tags",
  {
    assignmentId: uuid("assignment_id").notNull().references(() => roleAssignments.id, { onDelete: "cascade" }),
    tagId: uuid("tag_id").notNull().references(() => scopeTags.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.assignmentId, t.tagId] })],
);

export const rolesRelations = relations(roles, ({ many }) => ({ assignments: many(roleAssignments) }));
export const roleAssignmentsRelations = relations(roleAssignments, ({ one, many }) => ({
  role: one(roles, { fields: [roleAssignments.roleId], references: [roles.id] }),
  members: many(roleAssignmentMembers),
  scopeGroups: many(roleAssignmentScopeGroups),
  scopeTags: many(roleAssignmentScopeTags),
}));
export const roleAssignmentMembersRelations = relations(roleAssignmentMembers, ({ one }) => ({
  assignment: one(roleAssignments, { fields: [roleAssignmentMembers.assignmentId], references: [roleAssignments.id] }),
  user: one(users, { fields: [roleAssignmentMembers.userId], references: [users.id] }),
  group: one(groups, { fields: [roleAssignmentMembers.groupId], references: [groups.id] }),
}));
export const roleAssignmentScopeGroupsRelations = relations(roleAssignmentScopeGroups, ({ one }) => ({
  assignment: one(roleAssignments, { fields: [roleAssignmentScopeGroups.assignmentId], references: [roleAssignments.id] }),
  group: one(groups, { fields: [roleAssignmentScopeGroups.groupId], references: [groups.id] }),
}));
export const roleAssignmentScopeTagsRelations = relations(roleAssignmentScopeTags, ({ one }) => ({
  assignment: one(roleAssignments, { fields: [roleAssignmentScopeTags.assignmentId], references: [roleAssignments.id] }),
  tag: one(scopeTags, { fields: [roleAssignmentScopeTags.tagId], references: [scopeTags.id] }),
}));
