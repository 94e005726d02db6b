/** The permission catalog (DESIGN §5) and the built-in roles, as data: checked in one place (./grants). */
export const permissions = [
  "users.read",
  "devices.read",
  "devices.rename",
  "devices.sync",
  "devices.lock",
  "devices.reset_passcode",
  "devices.retire",
  "devices.wipe",
  "devices.delete",
  "tickets.read",
  "tickets.update",
  "tickets.assign",
  "terms.read",
  "terms.manage",
  "enrollment.read",
  "enrollment.manage",
  "compliance.read",
  "compliance.manage",
  "roles.read",
  "roles.manage",
  "audit.read",
  "settings.manage",
] as const;

export type Permission = (typeof permissions)[number];

export function isPermission(value: string): value is Permission {
  return (permissions as readonly string[]).includes(value);
}

const reads = permissions.filter((p) => p.endsWith(".read"));

export const builtInRoles = {
  help_desk_operator: {
    name: "Help Desk Operator",
    description: "Looks users up, runs remote actions except deleting records, works tickets.",
    permissions: [
      ...reads,
      "devices.rename",
      "devices.sync",
      "devices.lock",
      "devices.reset_passcode",
      "devices.retire",
      "devices.wipe",
      "tickets.update",
      "tickets.assign",
    ],
  },
  read_only_operator: {
    name: "Read Only Operator",
    description: "Reads everything in scope, changes nothing.",
    permissions: reads,
  },
  administrator: {
    name: "Administrator",
    description: "Every permission.",
    permissions: [...permissions],
  },
  role_administrator: {
    name: "Role Administrator",
    description: "Manages roles and assignments.",
    permissions: ["roles.read", "roles.manage", "users.read"],
  },
} as const satisfies Record<string, { name: string; description: string; permissions: readonly Permission[] }>;

export type BuiltInRoleKey = keyof typeof builtInRoles;
