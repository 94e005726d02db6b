"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useRef, useState } from "react";
import { buttonClass } from "@/app/_components/ui/button";
import { StatusPill } from "@/app/_components/ui/status-pill";
import { useTRPC } from "@/app/_trpc/client";
import type { AppRouter } from "@/server/trpc/root";
import { permissions as catalog } from "@/server/rbac/permissions";
import type { Assignment } from "./assignments-section";
import { DeleteButton } from "./delete-button";
import { RoleForm } from "./role-form";

export type Role = inferRouterOutputs<AppRouter>["staff"]["rbac"]["roles"][number];

const th = "px-2 py-2 text-left text-sm font-semibold";
const td = "px-2 py-2 align-top";

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
  const queryClient = useQueryClient();
  const { data: roles = initial } = useQuery(trpc.staff.rbac.roles.queryOptions(undefined, { initialData: initial }));
  // Counted from the assignments list (the same query as the table below), not from the roles'
  // assignmentCount: listRoles' correlated subquery loses its table qualifiers and always says 0.
  const { data: assignments = initialAssignments } = useQuery(trpc.staff.rbac.assignments.queryOptions(undefined, { initialData: initialAssignments }));
  const usedBy = (roleId: string) => assignments.filter((assignment) => assignment.role.id === roleId).length;
  const remove = useMutation(trpc.staff.rbac.deleteRole.mutationOptions());
  const [editing, setEditing] = useState<Role | "new" | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.staff.rbac.roles.queryKey() }), queryClient.invalidateQueries({ queryKey: trpc.staff.rbac.assignments.queryKey() })]);
  const open = (target: Role | "new", event: React.MouseEvent<HTMLElement>) => {
    opener.current = event.currentTarget;
    setMessage(null);
    setEditing(target);
  };
  async function close(done: string | null) {
    setEditing(null);
    // Announced once the tables show the change, so what is read out matches what is on screen.
    if (done) {
      await refresh();
      setMessage(done);
    }
    requestAnimationFrame(() => (opener.current?.isConnected ? opener.current : heading.current)?.focus());
  }

  return (
    <section aria-labelledby="roles-title" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="roles-title" ref={heading} tabIndex={-1} className="text-xl font-semibold">
          Roles
        </h2>
        {canManage && (
          <button type="button" className={buttonClass("primary")} onClick={(event) => open("new", event)} disabled={editing !== null}>
            New role
          </button>
        )}
      </div>
      <p role="status" className="text-sm text-gray-700 dark:text-gray-300">
        {message}
      </p>
      <div className="overflow-x-auto rounded-lg border border-gray-200 dark:border-gray-700">
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">Roles and their permissions</caption>
          <thead className="border-b border-gray-200 bg-gray-50 dark:border-gray-700 dark:bg-gray-950">
            <tr>
              <th scope="col" className={`${th} w-64`}>
                Role
              </th>
              <th scope="col" className={th}>
                Permissions
              </th>
              <th scope="col" className={`${th} w-28`}>
                Assignments
              </th>
              {canManage && (
                <th scope="col" className={`${th} w-56`}>
                  Actions
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {roles.map((role) => (
              <tr key={role.id} className="border-b border-gray-100 last:border-0 dark:border-gray-800">
                <th scope="row" className={`${td} text-left font-normal`}>
                  <span className="font-semibold">{role.name}</span>
                  {role.builtIn && (
                    <span className="ml-2">
                      <StatusPill tone="neutral">Built-in, read-only</StatusPill>
                    </span>
                  )}
                  {role.description && <p className="mt-0.5 text-gray-700 dark:text-gray-300">{role.description}</p>}
                </th>
                <td className={td}>
                  <PermissionList list={role.permissions} />
                </td>
                <td className={`${td} tabular-nums`}>{usedBy(role.id)}</td>
                {canManage && (
                  <td className={td}>
                    {role.builtIn ? (
                      <span className="text-gray-700 dark:text-gray-300">Cannot be changed</span>
                    ) : (
                      <div className="flex flex-wrap items-start gap-2">
                        <button type="button" className={buttonClass("secondary")} onClick={(event) => open(role, event)} disabled={editing !== null}>
                          Edit<span className="sr-only"> {role.name}</span>
                        </button>
                        <DeleteButton
                          what="role"
                          name={role.name}
                          onDelete={async () => {
                            await remove.mutateAsync({ roleId: role.id });
                            await refresh();
                            setMessage(`Role “${role.name}” deleted.`);
                            heading.current?.focus();
                          }}
                        />
                      </div>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editing && <RoleForm key={editing === "new" ? "new" : editing.id} role={editing === "new" ? null : editing} held={held} onClose={(done) => void close(done)} />}
    </section>
  );
}
