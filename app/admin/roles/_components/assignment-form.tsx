"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Field } from "@/app/_components/ui/field";
import { useTRPC } from "@/app/_trpc/client";
import { UserSearch, type PickedUser } from "../../../helpdesk/audit/_components/user-picker";
import { Select } from "../../../helpdesk/tickets/_components/form-controls";
import { Checkboxes } from "./checkboxes";
import { EditorForm, type FieldErrors } from "./editor-form";
import type { Assignment, Options } from "./assignments-section";
import type { Role } from "./roles-section";

/**
 * Create or edit an assignment: a role, who holds it (people and groups), and over whom (all
 * users, or scope groups, optionally narrowed to devices with some scope tags). The server
 * decides whether the caller may grant it; its refusal is shown at the top and everything chosen
 * stays as it was.
 */
export function AssignmentForm({ assignment, roles, options, onClose }: { assignment: Assignment | null; roles: Role[]; options: Options; onClose: (message: string | null) => void }) {
  const trpc = useTRPC();
  const id = useId();
  const create = useMutation(trpc.staff.rbac.createAssignment.mutationOptions());
  const update = useMutation(trpc.staff.rbac.updateAssignment.mutationOptions());
  const [name, setName] = useState(assignment?.name ?? "");
  const [description, setDescription] = useState(assignment?.description ?? "");
  const [roleId, setRoleId] = useState(assignment?.role.id ?? "");
  const [users, setUsers] = useState<PickedUser[]>(assignment?.memberUsers ?? []);
  const [memberGroupIds, setMemberGroupIds] = useState(assignment?.memberGroups.map((g) => g.id) ?? []);
  const [allUsers, setAllUsers] = useState(assignment?.allUsers ?? false);
  const [scopeGroupIds, setScopeGroupIds] = useState(assignment?.scopeGroups.map((g) => g.id) ?? []);
  const [scopeTagIds, setScopeTagIds] = useState(assignment?.scopeTags.map((t) => t.id) ?? []);

  const validate = () => {
    const local: FieldErrors = {};
    if (name.trim().length < 2) local.name = "Give the assignment a name.";
    if (!roleId) local.roleId = "Choose a role.";
    if (!allUsers && scopeGroupIds.length === 0) local.scopeGroupIds = "Choose all users or at least one scope group.";
    return local;
  };
  async function save() {
    const input = {
      name: name.trim(),
      description: description.trim() || null,
      roleId,
      memberUserIds: users.map((user) => user.id),
      memberGroupIds,
      allUsers,
      scopeGroupIds: allUsers ? [] : scopeGroupIds,
      scopeTagIds,
    };
    if (assignment) await update.mutateAsync({ assignmentId: assignment.id, ...input });
    else await create.mutateAsync(input);
    return assignment ? `Assignment “${input.name}” saved.` : `Assignment “${input.name}” created.`;
  }

  return (
    <EditorForm what="assignment" editing={assignment?.name ?? null} newTitle="New assignment" pending={create.isPending || update.isPending} validate={validate} save={save} onClose={onClose}>
      {(errors) => (
        <>
          <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
            <Field label="Name" name="name" value={name} onChange={(event) => setName(event.target.value)} error={errors.name} maxLength={80} autoComplete="off" />
            <Select label="Role" name="roleId" value={roleId} onChange={(event) => setRoleId(event.target.value)} error={errors.roleId}>
              <option value="">Choose a role…</option>
              {roles.map((role) => (
                <option key={role.id} value={role.id}>
                  {role.name}
                </option>
              ))}
            </Select>
            <Field label="Description (optional)" name="description" value={description} onChange={(event) => setDescription(event.target.value)} error={errors.description} maxLength={500} />
          </div>
          <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
            <fieldset className="space-y-2 rounded-md border border-gray-200 p-3 dark:border-gray-700">
              <legend className="px-1 font-semibold">Members: who holds the role</legend>
              <UserSearch label="Add a person" onPick={(user) => setUsers((list) => [...list, user])} exclude={users.map((user) => user.id)} />
              {errors.memberUserIds && <p className="text-sm text-red-700 dark:text-red-300">{errors.memberUserIds}</p>}
              {users.length > 0 && (
                <ul aria-label="People chosen" className="flex flex-wrap gap-2">
                  {users.map((user) => (
                    <li key={user.id} className="inline-flex items-center gap-1 rounded-full border border-gray-300 py-0.5 pr-1 pl-3 text-sm dark:border-gray-600">
                      {user.name}
                      <button type="button" onClick={() => setUsers((list) => list.filter((u) => u.id !== user.id))} className="rounded-full px-2 py-1 hover:bg-gray-100 dark:hover:bg-gray-800">
                        <span aria-hidden="true">×</span>
                        <span className="sr-only">Remove {user.name}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              )}
              <Checkboxes legend="Member groups" items={options.groups} chosen={memberGroupIds} onChange={setMemberGroupIds} error={errors.memberGroupIds} />
            </fieldset>
            <fieldset className="space-y-2 rounded-md border border-gray-200 p-3 dark:border-gray-700">
              <legend className="px-1 font-semibold">Scope: over whom</legend>
              <div role="radiogroup" aria-label="Scope" className="flex flex-wrap gap-4">
                <label className="inline-flex min-h-11 items-center gap-2">
                  <input type="radio" name={`${id}-scope`} className="size-5" checked={allUsers} onChange={() => setAllUsers(true)} />
                  All users
                </label>
                <label className="inline-flex min-h-11 items-center gap-2">
                  <input type="radio" name={`${id}-scope`} className="size-5" checked={!allUsers} onChange={() => setAllUsers(false)} />
                  Users in these groups
                </label>
              </div>
              {!allUsers && <Checkboxes legend="Scope groups" items={options.groups} chosen={scopeGroupIds} onChange={setScopeGroupIds} error={errors.scopeGroupIds} />}
              <Checkboxes
                legend="Scope tags (optional)"
                hint="With tags, device actions reach only devices carrying one of them."
                items={options.scopeTags}
                chosen={scopeTagIds}
                onChange={setScopeTagIds}
                error={errors.scopeTagIds}
              />
            </fieldset>
          </div>
        </>
      )}
    </EditorForm>
  );
}
