import { relations } from "drizzle-orm";
import { boolean, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { devices } from "./devices";
import { platformEnum } from "./enums";

export const complianceRuleKindEnum = pgEnum("compliance_rule_kind", [
  "os_min_version",
  "os_max_version",
  "passcode_required",
  "not_jailbroken",
  "encryption_required",
]);
export const ruleResultStatusEnum = pgEnum("rule_result_status", ["compliant", "noncompliant", "unknown"]);

export const compliancePolicies = pgTable(
  "compliance_policies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    platform: platformEnum("platform").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    // How long a noncompliant device keeps access before it is marked noncompliant.
    gracePeriodHours: integer("grace_period_hours").notNull().default(72),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("compliance_policies_name_uq").on(t.name), index("compliance_policies_platform_idx").on(t.platform)],
);

export const complianceRules = pgTable(
  "compliance_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    policyId: uuid("policy_id").notNull().references(() => compliancePolicies.id, { onDelete: "cascade" }),
    kind: complianceRuleKindEnum("kind").notNull(),
    // The expected value as text ("14.0" for versions, "true" for booleans).
    value: text("value").notNull(),
    // Admin-written remediation shown beside the built-in text.
    remediation: text("remediation"),
  },
  (t) => [uniqueIndex("compliance_rules_policy_kind_uq").on(t.policyId, t.kind)],
);

export const complianceResults = pgTable(
  "compliance_results",
  {
    deviceId: uuid("device_id").notNull().references(() => devices.id, { onDelete: "cascade" }),
    ruleId: uuid("rule_id").notNull().references(() => complianceRules.id, { onDelete: "cascade" }),
    status: ruleResultStatusEnum("status").notNull(),
    reportedValue: text("reported_value"),
    evaluatedAt: timestamp("evaluated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.deviceId, t.ruleId] }), index("compliance_results_status_idx").on(t.status)],
);

export const compliancePoliciesRelations = relations(compliancePolicies, ({ many }) => ({ rules: many(complianceRules) }));
export const complianceRulesRelations = relations(complianceRules, ({ one, many }) => ({
  policy: one(compliancePolicies, { fields: [complianceRules.policyId], references: [compliancePolicies.id] }),
  results: many(complianceResults),
}));
export const complianceResultsRelations = relations(complianceResults, ({ one }) => ({
  device: one(devices, { fields: [complianceResults.deviceId], references: [devices.id] }),
  rule: one(complianceRules, { fields: [complianceResults.ruleId], references: [complianceRules.id] }),
}));
