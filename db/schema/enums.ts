import { pgEnum } from "drizzle-orm/pg-core";

// Enums shared by several domains live here so no domain file imports another just for a type.
export const platformEnum = pgEnum("platform", ["ios", "ipados", "android", "windows", "macos", "linux"]);
export const ownershipEnum = pgEnum("ownership", ["personal", "corporate"]);
export const userStatusEnum = pgEnum("user_status", ["active", "disabled", "departed"]);
export const actorKindEnum = pgEnum("actor_kind", ["user", "staff", "device", "system"]);
