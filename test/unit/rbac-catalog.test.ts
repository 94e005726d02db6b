import { describe, expect, it } from "vitest";
import { builtInRoles, isPermission, permissions } from "@/server/rbac/permissions";

describe("permission catalog and built-in roles", () => {
  it("lists the permissions of DESIGN §5 once each", () => {
    expect(new Set(permissions).size).toBe(permissions.length);
    expect(permissions).toHaveLength(22);
    expect(isPermission("devices.wipe")).toBe(true);
    expect(isPermission("devices.explode")).toBe(false);
  });

  it("gives help desk operators every remote action but delete", () => {
    const granted = new Set<string>(builtInRoles.help_desk_operator.permissions);
    for (const action of ["rename", "sync", "lock", "reset_passcode", "retire", "wipe"]) expect(granted.has(`devices.${action}`)).toBe(true);
    expect(granted.has("devices.delete")).toBe(false);
    expect(granted.has("roles.manage")).toBe(false);
  });

  it("gives read-only operators every read and nothing else", () => {
    expect([...builtInRoles.read_only_operator.permissions].sort()).toEqual(permissions.filter((p) => p.endsWith(".read")).sort());
  });

  it("gives administrators everything", () => {
    expect([...builtInRoles.administrator.permissions].sort()).toEqual([...permissions].sort());
  });
});
