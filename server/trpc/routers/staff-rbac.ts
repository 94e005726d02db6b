import { z } from "zod";
import { permissions } from "../../rbac/permissions";
import { staffCallerOf } from "../../services/staff-caller";
import { createRole, deleteRole, listRoles, updateRole } from "../../services/staff-rbac";
import { assignmentOptions, createAssignment, deleteAssignment, listAssignments, updateAssignment } from "../../services/staff-rbac-assignments";
import { router } from "../init";
import { staffProcedure } from "../procedures";

// The catalog as an enum: an unknown permission is a BAD_REQUEST before any rule runs.
const permission = z.enum(permissions, "Unknown permission.");
const name = (what: string) => z.string().trim().min(2, `Give the ${what} a name.`).max(80, "Keep the name under 80 characters.");
const description = z.string().trim().max(500, "Keep the description under 500 characters.").nullish();
const ids = (message: string) => z.array(z.uuid(message)).max(500).default([]);

const roleInput = z.object({
  name: name("role"),
  description,
  permissions: z.array(permission).min(1, "Choose at least one permission.").max(permissions.length * 2),
});
const assignmentInput = z.object({
  name: name("assignment"),
  description,
  roleId: z.uuid("Choose a role."),
  memberUserIds: ids("Choose members from the list."),
  memberGroupIds: ids("Choose member groups from the list."),
  allUsers: z.boolean().default(false),
  scopeGroupIds: ids("Choose scope groups from the list."),
  scopeTagIds: ids("Choose scope tags from the list."),
});

/** Admin: roles and assignments (F19). Reads need roles.read; every change roles.manage and is audited. */
export const staffRbacRouter = router({
  roles: staffProcedure("roles.read").query(({ ctx }) => listRoles(ctx.db)),
  createRole: staffProcedure("roles.manage")
    .input(roleInput)
    .mutation(({ ctx, input }) => createRole(ctx.db, staffCallerOf(ctx), input)),
  updateRole: staffProcedure("roles.manage")
    .input(roleInput.extend({ roleId: z.uuid("No such role.") }))
    .mutation(({ ctx, input: { roleId, ...role } }) => updateRole(ctx.db, staffCallerOf(ctx), roleId, role)),
  deleteRole: staffProcedure("roles.manage")
    .input(z.object({ roleId: z.uuid("No such role.") }))
    .mutation(({ ctx, input }) => deleteRole(ctx.db, staffCallerOf(ctx), input.roleId)),
  assignments: staffProcedure("roles.read").query(({ ctx }) => listAssignments(ctx.db)),
  /** Groups and scope tags for the assignment form's pickers. */
  assignmentOptions: staffProcedure("roles.read").query(({ ctx }) => assignmentOptions(ctx.db)),
  createAssignment: staffProcedure("roles.manage")
    .input(assignmentInput)
    .mutation(({ ctx, input }) => createAssignment(ctx.db, staffCallerOf(ctx), input)),
  updateAssignment: staffProcedure("roles.manage")
    .input(assignmentInput.extend({ assignmentId: z.uuid("No such assignment.") }))
    .mutation(({ ctx, input: { assignmentId, ...assignment } }) => updateAssignment(ctx.db, staffCallerOf(ctx), assignmentId, assignment)),
  deleteAssignment: staffProcedure("roles.manage")
    .input(z.object({ assignmentId: z.uuid("No such assignment.") }))
    .mutation(({ ctx, input }) => deleteAssignment(ctx.db, staffCallerOf(ctx), input.assignmentId)),
});
