"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { fieldErrorsOf, replySchema } from "@/server/support/schemas";
import { useTRPC } from "../../../_trpc/client";
import { Alert } from "../../../_components/ui/alert";
import { Button } from "../../../_components/ui/button";
import { focusFirstInvalid, problemOf } from "./problem";
import { TextArea } from "./text-area";

/** Adds the user's reply; the text stays in the box until the server has it. */
export function ReplyForm({ ticketId, reopens }: { ticketId: string; reopens: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const reply = useMutation(trpc.tickets.reply.mutationOptions());
  const form = useRef<HTMLFormElement>(null);
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    const parsed = replySchema.safeParse({ ticketId, body });
    if (!parsed.success) {
      setError(fieldErrorsOf(parsed.error).body);
      focusFirstInvalid(form.current);
      return;
    }
    setError(undefined);
    try {
      await reply.mutateAsync(parsed.data);
      setBody("");
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.tickets.get.queryKey({ ticketId }) }),
        queryClient.invalidateQueries({ queryKey: trpc.tickets.mine.queryKey() }),
      ]);
    } catch (caught) {
      const problem = problemOf(caught);
      setError(problem.fieldErrors.body);
      setFailure(problem.message);
    }
  }

  return (
    <form ref={form} noValidate onSubmit={onSubmit} aria-labelledby="reply-title" className="space-y-3">
      <h2 id="reply-title" className="text-lg font-semibold">
        Reply
      </h2>
      {failure && <Alert tone="error" title="Your reply was not sent">{failure}</Alert>}
      <TextArea
        label="Your message"
        name="body"
        rows={4}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        error={error}
        maxLength={5000}
        hint={reopens ? "Replying reopens this request." : undefined}
      />
      <Button type="submit" disabled={reply.isPending} className="w-full sm:w-auto">
        {reply.isPending ? "Sending…" : "Send reply"}
      </Button>
    </form>
  );
}
