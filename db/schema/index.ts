// The schema index is the one barrel: drizzle needs every table and relation in one object.
export * from "./enums";
export * from "./users";
export * from "./devices";
export * from "./commands";
export * from "./enrollment";
export * from "./compliance";
export * from "./terms";
export * from "./rbac";
export * from "./tickets";
export * from "./audit";
export * from "./notifications";
export * from "./settings";
