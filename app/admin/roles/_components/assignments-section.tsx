"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useTRPC } from "@/app/_trpc/client";
import type { AppRouter } from "@/server/trpc/root";
import { AssignmentForm } from "./assignment-form";
import { EditorRow, EditorSection, RowActions, td, useEditor } from "./editor-section";
import type { Role } from "./roles-section";

type Outputs = inferRouterOutputs<AppRouter>["staff"]["rbac"];
export type Assignment = Outputs["assignments"][number];
export type Options = Outputs["assignmentOptions"];

const muted = "text-gray-700 dark:text-gray-300";

const columns = ["Assignment", "Role", "Members", "Scope", "Scope tags"].map((label) => ({ label }));

const names = (list: { name: string }[]) => list.map((item) => item.name).join(", ");

/** The assignments: role, members, scope and scope tags; created, changed and removed here. */
export function AssignmentsSection({ initial, initialRoles, options, canManage }: { initial: Assignment[]; initialRoles: Role[]; options: Options; canManage: boolean }) {
  const trpc = useTRPC();
  const { data: assignments = initial } = useQuery(trpc.staff.rbac.assignments.queryOptions(undefined, { initialData: initial }));
  // The same query as the roles table: a role created above is offered here at once.
  const { data: roles = initialRoles } = useQuery(trpc.staff.rbac.roles.queryOptions(undefined, { initialData: initialRoles }));
  const remove = useMutation(trpc.staff.rbac.deleteAssignment.mutationOptions());
  const editor = useEditor<Assignment>([trpc.staff.rbac.assignments.queryKey(), trpc.staff.rbac.roles.queryKey()]);
  const form = (assignment: Assignment | null) => <AssignmentForm assignment={assignment} roles={roles} options={options} onClose={editor.close} />;

  return (
    <EditorSection title="Assignments" what="assignment" caption="Role assignments: who holds which role, over whom" columns={columns} canManage={canManage} editor={editor} form={form}>
      {assignments.map((assignment) => (
        <EditorRow key={assignment.id} name={assignment.name} details={assignment.description && <p className={muted}>{assignment.description}</p>}>
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
              <RowActions
                editor={editor}
                target={assignment}
                what="assignment"
                name={assignment.name}
                remove={() => remove.mutateAsync({ assignmentId: assignment.id })}
                removed={`Assignment “${assignment.name}” removed.`}
              />
            </td>
          )}
        </EditorRow>
      ))}
    </EditorSection>
  );
}
