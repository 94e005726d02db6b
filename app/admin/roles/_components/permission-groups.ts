import { permissions, type Permission } from "@/server/rbac/permissions";

/** The catalog grouped by resource ("devices.wipe" -> devices), in catalog order, for the role form. */
export const permissionGroups: { resource: string; permissions: Permission[] }[] = permissions.reduce<{ resource: string; permissions: Permission[] }[]>((groups, permission) => {
  const resource = permission.split(".")[0]!;
  const group = groups.find((g) => g.resource === resource);
  if (group) group.permissions.push(permission);
  else groups.push({ resource, permissions: [permission] });
  return groups;
}, []);

export const resourceLabels: Record<string, string> = {
  users: "Users",
  devices: "Devices",
  tickets: "Tickets",
  terms: "Terms",
  enrollment: "Enrollment",
  compliance: "Compliance",
  roles: "Roles",
  audit: "Audit log",
  settings: "Settings",
};

/** What each permission lets its holder do, in a few words beside the checkbox. */
export const permissionHelp: Record<Permission, string> = {
  "users.read": "Find users and open their page",
  "devices.read": "See devices and their compliance",
  "devices.rename": "Rename a device",
  "devices.sync": "Ask a device to check in",
  "devices.lock": "Lock a device, lost mode",
  "devices.reset_passcode": "Reset a device passcode",
  "devices.retire": "Remove company data",
  "devices.wipe": "Factory reset a device",
  "devices.delete": "Delete a device record",
  "tickets.read": "See the ticket queue",
  "tickets.update": "Reply, add notes, change status",
  "tickets.assign": "Assign tickets",
  "terms.read": "Read terms and acceptances",
  "terms.manage": "Publish terms versions",
  "enrollment.read": "See enrollments and failures",
  "enrollment.manage": "Change enrollment restrictions",
  "compliance.read": "See compliance rules",
  "compliance.manage": "Change compliance rules",
  "roles.read": "See roles and assignments",
  "roles.manage": "Change roles and assignments",
  "audit.read": "Read the audit log",
  "settings.manage": "Change branding and support details",
};
