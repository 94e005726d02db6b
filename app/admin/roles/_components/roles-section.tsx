"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { StatusPill } from "@/app/_components/ui/status-pill";
import { useTRPC } from "@/app/_trpc/client";
import type { AppRouter } from "@/server/trpc/root";
import { permissions as catalog } from "@/server/rbac/permissions";
import type { Assignment } from "./assignments-section";
import { EditorRow, EditorSection, RowActions, td, useEditor } from "./editor-section";
import { RoleForm } from "./role-form";

export type Role = inferRouterOutputs<AppRouter>["staff"]["rbac"]["roles"][number];

const columns = [{ label: "Role", className: "w-64" }, { label: "Permissions" }, { label: "Assignments", className: "w-28" }];

/** A role's permissions in a cell: all of them said in words, else each as a small code chip. */
function PermissionList({ list }: { list: readonly string[] }) {
  if (list.length === catalog.length) return <span>All {catalog.length} permissions</span>;
  return (
    <ul className="flex flex-wrap gap-1" aria-label={`${list.length} permissions`}>
      {list.map((permission) => (
        <li key={permission} className="rounded bg-gray-100 px-1.5 py-0.5 font-mono text-xs dark:bg-gray-800">
          {permission}
        </li>
      ))}
    </ul>
  );
}

/**
 * The roles: built-in ones marked read-only; custom ones edited in a form below the table (one at
 * a time). When the form closes, focus returns to the button that opened it.
 */
export function RolesSection({ initial, initialAssignments, held, canManage }: { initial: Role[]; initialAssignments: Assignment[]; held: readonly string[]; canManage: boolean }) {
  const trpc = useTRPC();
  const { data: roles = initial } = useQuery(trpc.staff.rbac.roles.queryOptions(undefined, { initialData: initial }));
  // Counted from the assignments list (the same query as the table below), not from the roles'
  // assignmentCount: listRoles' correlated subquery loses its table qualifiers and always says 0.
  const { data: assignments = initialAssignments } = useQuery(trpc.staff.rbac.assignments.queryOptions(undefined, { initialData: initialAssignments }));
  const usedBy = (roleId: string) => assignments.filter((assignment) => assignment.role.id === roleId).length;
  const remove = useMutation(trpc.staff.rbac.deleteRole.mutationOptions());
  const editor = useEditor<Role>([trpc.staff.rbac.roles.queryKey(), trpc.staff.rbac.assignments.queryKey()]);
  const form = (role: Role | null) => <RoleForm role={role} held={held} onClose={editor.close} />;

  return (
    <EditorSection title="Roles" what="role" caption="Roles and their permissions" columns={columns} actionsClassName="w-56" canManage={canManage} editor={editor} form={form}>
      {roles.map((role) => (
        <EditorRow
          key={role.id}
          name={role.name}
          details={
            <>
              {role.builtIn && (
                <span className="ml-2">
                  <StatusPill tone="neutral">Built-in, read-only</StatusPill>
                </span>
              )}
              {role.description && <p className="mt-0.5 text-gray-700 dark:text-gray-300">{role.description}</p>}
            </>
          }
        >
          <td className={td}>
            <PermissionList list={role.permissions} />
          </td>
          <td className={`${td} tabular-nums`}>{usedBy(role.id)}</td>
          {canManage && (
            <td className={td}>
              {role.builtIn ? (
                <span className="text-gray-700 dark:text-gray-300">Cannot be changed</span>
              ) : (
                <RowActions editor={editor} target={role} what="role" name={role.name} remove={() => remove.mutateAsync({ roleId: role.id })} removed={`Role “${role.name}” deleted.`} />
              )}
            </td>
          )}
        </EditorRow>
      ))}
    </EditorSection>
  );
}
