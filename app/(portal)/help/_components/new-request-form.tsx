"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRef, useState } from "react";
import { fieldErrorsOf, openRequestSchema } from "@/server/support/schemas";
import { useTRPC } from "../../../_trpc/client";
import { Alert } from "../../../_components/ui/alert";
import { Button } from "../../../_components/ui/button";
import { Card } from "../../../_components/ui/card";
import { Field } from "../../../_components/ui/field";
import { focusFirstInvalid, problemOf } from "./problem";
import { Select, TextArea } from "./text-area";

const empty = { subject: "", body: "", deviceId: "" };

/**
 * Opens a support request, about one of the user's devices or in general. Controlled inputs, so
 * whatever was typed stays put when the browser or the server refuses it.
 */
export function NewRequestForm({ devices }: { devices: { id: string; name: string }[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const open = useMutation(trpc.tickets.open.mutationOptions());
  const form = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [sent, setSent] = useState<{ ticketId: string; number: number } | null>(null);

  const set = (name: keyof typeof empty) => (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
    setValues((current) => ({ ...current, [name]: event.target.value }));

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSent(null);
    setFailure(null);
    const parsed = openRequestSchema.safeParse(values);
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error));
      focusFirstInvalid(form.current);
      return;
    }
    setErrors({});
    try {
      const result = await open.mutateAsync(parsed.data);
      setValues(empty);
      setSent(result);
      await queryClient.invalidateQueries({ queryKey: trpc.tickets.mine.queryKey() });
    } catch (error) {
      const problem = problemOf(error);
      setErrors(problem.fieldErrors);
      setFailure(problem.message);
      focusFirstInvalid(form.current);
    }
  }

  return (
    <Card aria-labelledby="new-request">
      <h2 id="new-request" className="text-lg font-semibold">
        Ask for help
      </h2>
      <form ref={form} noValidate onSubmit={onSubmit} className="mt-3 space-y-4">
        {failure && <Alert tone="error" title="Your request was not sent">{failure}</Alert>}
        <Select label="What is it about?" name="deviceId" value={values.deviceId} onChange={set("deviceId")} error={errors.deviceId}>
          <option value="">General question (no device)</option>
          {devices.map((device) => (
            <option key={device.id} value={device.id}>
              {device.name}
            </option>
          ))}
        </Select>
        <Field label="Subject" name="subject" value={values.subject} onChange={set("subject")} error={errors.subject} maxLength={120} autoComplete="off" />
        <TextArea
          label="Description"
          name="body"
          hint="What happened, what you expected, and anything you already tried."
          value={values.body}
          onChange={set("body")}
          error={errors.body}
          maxLength={5000}
        />
        <Button type="submit" disabled={open.isPending} className="w-full sm:w-auto">
          {open.isPending ? "Sending…" : "Send request"}
        </Button>
      </form>
      {sent && (
        <Alert tone="success" title={`Request #${sent.number} sent`} className="mt-4">
          <p>IT support will answer here; you will get a notification.</p>
          <Link href={`/help/${sent.ticketId}`} className="inline-flex min-h-11 items-center font-medium underline underline-offset-4">
            View request #{sent.number}
          </Link>
        </Alert>
      )}
    </Card>
  );
}
