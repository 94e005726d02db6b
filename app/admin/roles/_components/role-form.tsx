"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { useTRPC } from "@/app/_trpc/client";
import type { Permission } from "@/server/rbac/permissions";
import { problemOf, TextArea } from "../../../helpdesk/tickets/_components/form-controls";
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
  const heading = useRef<HTMLHeadingElement>(null);
  const alert = useRef<HTMLDivElement>(null);
  const [name, setName] = useState(role?.name ?? "");
  const [description, setDescription] = useState(role?.description ?? "");
  const [chosen, setChosen] = useState<Permission[]>(role?.permissions ?? []);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const pending = create.isPending || update.isPending;

  useEffect(() => heading.current?.focus(), []);
  const toggle = (permission: Permission, on: boolean) => setChosen((list) => (on ? [...list, permission] : list.filter((p) => p !== permission)));

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    const local: Record<string, string | undefined> = {};
    if (name.trim().length < 2) local.name = "Give the role a name.";
    if (chosen.length === 0) local.permissions = "Choose at least one permission.";
    setErrors(local);
    if (Object.keys(local).length) return;
    const input = { name: name.trim(), description: description.trim() || null, permissions: chosen };
    try {
      if (role) await update.mutateAsync({ roleId: role.id, ...input });
      else await create.mutateAsync(input);
      onClose(role ? `Role “${input.name}” saved.` : `Role “${input.name}” created.`);
    } catch (caught) {
      const problem = problemOf(caught);
      setErrors(problem.fieldErrors);
      setFailure(problem.message);
      requestAnimationFrame(() => alert.current?.focus());
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`} className="space-y-3 rounded-lg border border-gray-300 bg-white p-4 dark:border-gray-600 dark:bg-gray-900">
      <h3 id={`${id}-title`} ref={heading} tabIndex={-1} className="text-lg font-semibold">
        {role ? `Edit role “${role.name}”` : "New custom role"}
      </h3>
      {failure && (
        <div ref={alert} tabIndex={-1}>
          <Alert tone="error" title={role ? "The role was not saved" : "The role was not created"}>
            {failure}
          </Alert>
        </div>
      )}
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
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : role ? "Save role" : "Create role"}
        </Button>
        <Button variant="secondary" onClick={() => onClose(null)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
