"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Field } from "@/app/_components/ui/field";
import { useTRPC } from "@/app/_trpc/client";
import type { Permission } from "@/server/rbac/permissions";
import { TextArea } from "../../../helpdesk/tickets/_components/form-controls";
import { EditorForm, type FieldErrors } from "./editor-form";
import { permissionGroups, permissionHelp, resourceLabels } from "./permission-groups";
import type { Role } from "./roles-section";

const NOT_HELD = "You do not hold this permission";

/**
 * Create or edit a custom role. Permissions the caller does not hold are shown disabled with the
 * reason (the server refuses them anyway: nobody grants what they do not hold). A refusal keeps
 * everything typed and is shown at the top of the form, where focus goes.
 */
export function RoleForm({ role, held, onClose }: { role: Role | null; held: readonly string[]; onClose: (message: string | null) => void }) {
  const trpc = useTRPC();
  const id = useId();
  const create = useMutation(trpc.staff.rbac.createRole.mutationOptions());
  const update = useMutation(trpc.staff.rbac.updateRole.mutationOptions());
  const [name, setName] = useState(role?.name ?? "");
  const [description, setDescription] = useState(role?.description ?? "");
  const [chosen, setChosen] = useState<Permission[]>(role?.permissions ?? []);

  const toggle = (permission: Permission, on: boolean) => setChosen((list) => (on ? [...list, permission] : list.filter((p) => p !== permission)));
  const validate = () => {
    const local: FieldErrors = {};
    if (name.trim().length < 2) local.name = "Give the role a name.";
    if (chosen.length === 0) local.permissions = "Choose at least one permission.";
    return local;
  };
  async function save() {
    const input = { name: name.trim(), description: description.trim() || null, permissions: chosen };
    if (role) await update.mutateAsync({ roleId: role.id, ...input });
    else await create.mutateAsync(input);
    return role ? `Role “${input.name}” saved.` : `Role “${input.name}” created.`;
  }

  return (
    <EditorForm what="role" editing={role?.name ?? null} newTitle="New custom role" pending={create.isPending || update.isPending} validate={validate} save={save} onClose={onClose}>
      {(errors) => (
        <>
          <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
            <Field label="Name" name="name" value={name} onChange={(event) => setName(event.target.value)} error={errors.name} maxLength={80} autoComplete="off" />
            <TextArea label="Description (optional)" name="description" rows={1} value={description} onChange={(event) => setDescription(event.target.value)} error={errors.description} maxLength={500} />
          </div>
          <fieldset aria-describedby={errors.permissions ? `${id}-perm-error` : undefined}>
            <legend className="font-medium">Permissions</legend>
            {errors.permissions && (
              <p id={`${id}-perm-error`} className="text-sm text-red-700 dark:text-red-300">
                {errors.permissions}
              </p>
            )}
            <div className="mt-1 grid grid-cols-1 gap-2 md:grid-cols-3">
              {permissionGroups.map((group) => (
                <fieldset key={group.resource} className="rounded-md border border-gray-200 px-3 pb-2 dark:border-gray-700">
                  <legend className="px-1 text-sm font-semibold">{resourceLabels[group.resource] ?? group.resource}</legend>
                  <ul className="space-y-1">
                    {group.permissions.map((permission) => {
                      const holds = held.includes(permission);
                      return (
                        <li key={permission} className="flex gap-2 text-sm">
                          <input
                            id={`${id}-${permission}`}
                            type="checkbox"
                            className="mt-0.5 size-5 shrink-0"
                            checked={chosen.includes(permission)}
                            disabled={!holds}
                            onChange={(event) => toggle(permission, event.target.checked)}
                            aria-describedby={`${id}-${permission}-help`}
                          />
                          <span>
                            <label htmlFor={`${id}-${permission}`} className="font-mono font-semibold">
                              {permission}
                            </label>
                            <span id={`${id}-${permission}-help`} className="block text-xs text-gray-700 dark:text-gray-300">
                              {holds ? permissionHelp[permission] : `${NOT_HELD}.`}
                            </span>
                          </span>
                        </li>
                      );
                    })}
                  </ul>
                </fieldset>
              ))}
            </div>
          </fieldset>
        </>
      )}
    </EditorForm>
  );
}
