"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import type { inferRouterOutputs } from "@trpc/server";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useState } from "react";
import type { AppRouter } from "@/server/trpc/root";
import { useStepUp } from "../../../_components/step-up";
import { useTRPC } from "../../../_trpc/client";
import type { CommandKind } from "./labels";

type Outputs = inferRouterOutputs<AppRouter>;
export type DeviceDetails = Outputs["devices"]["get"];
export type DeviceCommand = DeviceDetails["commands"][number];
export type RequestedCommand = Outputs["devices"]["requestCommand"];
export type FoundOutcome = Outputs["devices"]["found"];

/** The device, kept current: LiveUpdates invalidates every query whenever the server signals a change. */
export function useDevice(initial: DeviceDetails) {
  const trpc = useTRPC();
  return useQuery(trpc.devices.get.queryOptions({ deviceId: initial.device.id }, { initialData: initial })).data;
}

export type Failure = { message: string; terms: boolean };

/** A sentence for the person, never raw error text; "terms" when accepting the terms is the way out. */
export function failureOf(error: unknown): Failure {
  if (error instanceof TRPCClientError) {
    const data = error.data as { appCode?: string | null; code?: string; fieldErrors?: Record<string, string[] | undefined> | null } | undefined;
    const field = data?.fieldErrors ? Object.values(data.fieldErrors).flat().find(Boolean) : undefined;
    if (field) return { message: field, terms: false };
    if (data?.code) return { message: error.message, terms: data.appCode === "TERMS_NOT_ACCEPTED" };
  }
  return { message: "Ward could not be reached. Check your connection and try again.", terms: false };
}

export type RunResult = { ok: true; command: RequestedCommand } | { ok: false; failure: Failure | null };

/**
 * Requests commands for one device. Risky ones go through step-up (the StepUp dialog asks for the
 * password and the request is retried); a dismissed step-up is `failure: null`, not an error.
 */
export function useDeviceCommands(deviceId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const stepUp = useStepUp();
  const request = useMutation(trpc.devices.requestCommand.mutationOptions());
  const cancel = useMutation(trpc.devices.cancelCommand.mutationOptions());
  const found = useMutation(trpc.devices.found.mutationOptions());

  // Do not wait for the live signal to show what was just asked for.
  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.devices.get.queryKey({ deviceId }) });
    router.refresh();
  }, [queryClient, trpc, deviceId, router]);

  const run = useCallback(
    async (kind: CommandKind, payload?: Record<string, unknown>): Promise<RunResult> => {
      try {
        const command = await stepUp(() => request.mutateAsync({ deviceId, kind, payload }));
        if (!command) return { ok: false, failure: null };
        refresh();
        return { ok: true, command };
      } catch (error) {
        refresh();
        return { ok: false, failure: failureOf(error) };
      }
    },
    [stepUp, request, deviceId, refresh],
  );

  const cancelCommand = useCallback(
    async (commandId: string): Promise<Failure | null> => {
      try {
        await cancel.mutateAsync({ commandId });
        return null;
      } catch (error) {
        return failureOf(error);
      } finally {
        refresh();
      }
    },
    [cancel, refresh],
  );

  const foundIt = useCallback(async (): Promise<{ ok: true; outcome: FoundOutcome } | { ok: false; failure: Failure }> => {
    try {
      const outcome = await found.mutateAsync({ deviceId });
      return { ok: true, outcome };
    } catch (error) {
      return { ok: false, failure: failureOf(error) };
    } finally {
      refresh();
    }
  }, [found, deviceId, refresh]);

  return { run, cancelCommand, foundIt, busy: request.isPending || cancel.isPending || found.isPending };
}

/**
 * The open step (?action=wipe), mirrored in the URL so a single sign-on step-up, which leaves the
 * page for the provider, comes back to the same step. Held in React state: a router.refresh() in
 * flight may put the old URL back, and the screen must not follow it.
 */
export function useStepParam(name: string): [string | null, (value: string | null) => void] {
  const params = useSearchParams();
  const pathname = usePathname();
  const [value, setValue] = useState(() => params.get(name));
  const set = useCallback(
    (next: string | null) => {
      setValue(next);
      const updated = new URLSearchParams(window.location.search);
      if (next) updated.set(name, next);
      else updated.delete(name);
      const query = updated.toString();
      window.history.replaceState(null, "", query ? `${pathname}?${query}` : pathname);
    },
    [name, pathname],
  );
  return [value, set];
}
