"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { useTRPC } from "../../_trpc/client";
import type { StaffActionKind } from "./labels";

/** What an action form sends: the reason always, and the kind's own fields. */
export type ActionValues = { reason: string; name?: string; message?: string; phone?: string };
/** Errors by field ("form" for those about no single field), as shown next to each input. */
export type FieldErrors = Partial<Record<"reason" | "name" | "message" | "phone" | "confirm" | "form", string>>;

// The server's rule (staff-devices router and service): trimmed, 3 to 500 characters.
export const REASON_MIN = 3;
export const REASON_MAX = 500;
export function reasonError(reason: string): string | undefined {
  const length = reason.trim().length;
  if (length < REASON_MIN) return "Give a reason (at least 3 characters).";
  if (length > REASON_MAX) return "Use at most 500 characters.";
  return undefined;
}

/** A server refusal, sorted to the field it is about; never raw error text for network failures. */
export function fieldErrorsOf(error: unknown): FieldErrors {
  if (error instanceof TRPCClientError) {
    const data = error.data as { code?: string; details?: { field?: string } | null; fieldErrors?: Record<string, string[] | undefined> | null } | undefined;
    const errors: FieldErrors = {};
    for (const [field, messages] of Object.entries(data?.fieldErrors ?? {})) {
      const message = messages?.find(Boolean);
      if (message) errors[(["reason", "name", "message", "phone"].includes(field) ? field : "form") as keyof FieldErrors] ??= message;
    }
    if (Object.keys(errors).length > 0) return errors;
    const field = data?.details?.field;
    if (field === "reason" || field === "name") return { [field]: error.message };
    if (data?.code) return { form: error.message };
  }
  return { form: "Ward could not be reached. Check your connection and try again." };
}

/**
 * The staff remote actions on one user's devices (F16) and cancel, each a mutation of its own
 * procedure. Afterwards the user page is refetched at once rather than waiting for the live signal.
 */
export function useStaffActions(userId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const m = {
    sync: useMutation(trpc.staff.devices.sync.mutationOptions()),
    rename: useMutation(trpc.staff.devices.rename.mutationOptions()),
    lock: useMutation(trpc.staff.devices.lock.mutationOptions()),
    lost_mode_off: useMutation(trpc.staff.devices.lostModeOff.mutationOptions()),
    reset_passcode: useMutation(trpc.staff.devices.resetPasscode.mutationOptions()),
    retire: useMutation(trpc.staff.devices.retire.mutationOptions()),
    wipe: useMutation(trpc.staff.devices.wipe.mutationOptions()),
    delete: useMutation(trpc.staff.devices.delete.mutationOptions()),
    cancel: useMutation(trpc.staff.devices.cancel.mutationOptions()),
  };

  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.staff.users.get.queryKey({ userId }) });
    // The server-rendered sections (audit trail) follow too.
    router.refresh();
  }, [queryClient, trpc, userId, router]);

  /** Requests an action; null when it was accepted, else the errors to show in the form. */
  const run = async (kind: StaffActionKind, deviceId: string, values: ActionValues): Promise<FieldErrors | null> => {
    const base = { deviceId, reason: values.reason };
    try {
      if (kind === "rename") await m.rename.mutateAsync({ ...base, name: values.name ?? "" });
      else if (kind === "lock")
        await m.lock.mutateAsync({ ...base, ...(values.message?.trim() ? { message: values.message } : {}), ...(values.phone?.trim() ? { phone: values.phone } : {}) });
      else await m[kind].mutateAsync(base);
      return null;
    } catch (error) {
      return fieldErrorsOf(error);
    } finally {
      refresh();
    }
  };

  const cancel = async (commandId: string, reason: string): Promise<FieldErrors | null> => {
    try {
      await m.cancel.mutateAsync({ commandId, reason });
      return null;
    } catch (error) {
      return fieldErrorsOf(error);
    } finally {
      refresh();
    }
  };

  const busy = Object.values(m).some((mutation) => mutation.isPending);
  return { run, cancel, busy };
}
