"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useRef, useState } from "react";
import { buttonClass } from "@/app/_components/ui/button";
import { useTRPC } from "@/app/_trpc/client";
import type { AppRouter } from "@/server/trpc/root";
import { AssignmentForm } from "./assignment-form";
import { DeleteButton } from "./delete-button";
import type { Role } from "./roles-section";

type Outputs = inferRouterOutputs<AppRouter>["staff"]["rbac"];
export type Assignment = Outputs["assignments"][number];
export type Options = Outputs["assignmentOptions"];

const th = "px-2 py-2 text-left text-sm font-semibold";
const td = "px-2 py-2 align-top";
const muted = "text-gray-700 dark:text-gray-300";

const names = (list: { name: string }[]) => list.map((item) => item.name).join(", ");

/** The assignments: role, members, scope and scope tags; created, changed and removed here. */
export function AssignmentsSection({ initial, initialRoles, options, canManage }: { initial: Assignment[]; initialRoles: Role[]; options: Options; canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: assignments = initial } = useQuery(trpc.staff.rbac.assignments.queryOptions(undefined, { initialData: initial }));
  // The same query as the roles table: a role created above is offered here at once.
  const { data: roles = initialRoles } = useQuery(trpc.staff.rbac.roles.queryOptions(undefined, { initialData: initialRoles }));
  const remove = useMutation(trpc.staff.rbac.deleteAssignment.mutationOptions());
  const [editing, setEditing] = useState<Assignment | "new" | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.staff.rbac.assignments.queryKey() }), queryClient.invalidateQueries({ queryKey: trpc.staff.rbac.roles.queryKey() })]);
  const open = (target: Assignment | "new", event: React.MouseEvent<HTMLElement>) => {
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
    <section aria-labelledby="assignments-title" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="assignments-title" ref={heading} tabIndex={-1} className="text-xl font-semibold">
          Assignments
        </h2>
        {canManage && (
          <button type="button" className={buttonClass("primary")} onClick={(event) => open("new", event)} disabled={editing !== null}>
            New assignment
          </button>
        )}
      </div>
      <p role="status" className={`text-sm ${muted}`}>
        {message}
      </p>
      <div className="overflow-x-auto rounded-lg border border-gray-200 dark:border-gray-700">
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">Role assignments: who holds which role, over whom</caption>
          <thead className="border-b border-gray-200 bg-gray-50 dark:border-gray-700 dark:bg-gray-950">
            <tr>
              {["Assignment", "Role", "Members", "Scope", "Scope tags", ...(canManage ? ["Actions"] : [])].map((label) => (
                <th key={label} scope="col" className={th}>
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {assignments.map((assignment) => (
              <tr key={assignment.id} className="border-b border-gray-100 last:border-0 dark:border-gray-800">
                <th scope="row" className={`${td} text-left font-normal`}>
                  <span className="font-semibold">{assignment.name}</span>
                  {assignment.description && <p className={muted}>{assignment.description}</p>}
                </th>
                <td className={td}>{assignment.role.name}</td>
                <td className={td}>
                  {assignment.memberUsers.length + assignment.memberGroups.length === 0 && <span className={muted}>Nobody</span>}
                  {assignment.memberUsers.map((user) => (
                    <span key={user.id} className="block">
                      {user.name} <span className={`text-xs ${muted}`}>{user.email}</span>
                    </span>
                  ))}
                  {assignment.memberGroups.length > 0 && <span className="block">Groups: {names(assignment.memberGroups)}</span>}
                </td>
                <td className={td}>{assignment.allUsers ? "All users" : `Groups: ${names(assignment.scopeGroups)}`}</td>
                <td className={td}>{assignment.scopeTags.length ? names(assignment.scopeTags) : <span className={muted}>Any device</span>}</td>
                {canManage && (
                  <td className={td}>
                    <div className="flex flex-wrap items-start gap-2">
                      <button type="button" className={buttonClass("secondary")} onClick={(event) => open(assignment, event)} disabled={editing !== null}>
                        Edit<span className="sr-only"> {assignment.name}</span>
                      </button>
                      <DeleteButton
                        what="assignment"
                        name={assignment.name}
                        onDelete={async () => {
                          await remove.mutateAsync({ assignmentId: assignment.id });
                          await refresh();
                          setMessage(`Assignment “${assignment.name}” removed.`);
                          heading.current?.focus();
                        }}
                      />
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editing && (
        <AssignmentForm key={editing === "new" ? "new" : editing.id} assignment={editing === "new" ? null : editing} roles={roles} options={options} onClose={(done) => void close(done)} />
      )}
    </section>
  );
}
