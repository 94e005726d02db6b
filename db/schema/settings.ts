import { integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

// Organization-wide settings by key ("branding", "support", "privacy"); values validated by zod in the service.
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").$type<Record<string, unknown>>().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

// Fixed-window counters for rate limits; Postgres is Ward's only server dependency, so they live here.
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  count: integer("count").notNull(),
  windowEndsAt: timestamp("window_ends_at", { withTimezone: true }).notNull(),
});
