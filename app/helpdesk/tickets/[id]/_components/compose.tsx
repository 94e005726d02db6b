"use client";

import { useMutation } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { useTRPC } from "@/app/_trpc/client";
import { problemOf, TextArea } from "../../_components/form-controls";

type Kind = "reply" | "note";

/**
 * One box, two ways out: "Reply to the user" (they see it in the portal and are notified) or
 * "Add internal note" (staff only). Two buttons rather than a mode switch, so the choice is made
 * at the moment of sending and nobody replies to a user thinking they were writing a note. The
 * text stays in the box until the server has it.
 */
export function Compose({ ticketId, requesterName, onDone }: { ticketId: string; requesterName: string; onDone: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const reply = useMutation(trpc.staff.tickets.reply.mutationOptions());
  const note = useMutation(trpc.staff.tickets.note.mutationOptions());
  const box = useRef<HTMLTextAreaElement>(null);
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ kind: Kind; message: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const pending = reply.isPending || note.isPending;

  async function send(kind: Kind) {
    setDone(null);
    setFailure(null);
    if (!body.trim()) {
      setError("Write a message first.");
      box.current?.focus();
      return;
    }
    setError(null);
    try {
      await (kind === "reply" ? reply : note).mutateAsync({ ticketId, body });
      setBody("");
      setDone(kind === "reply" ? `Reply sent to ${requesterName}.` : "Internal note added.");
      await onDone();
    } catch (caught) {
      const problem = problemOf(caught);
      setError(problem.fieldErrors.body ?? null);
      setFailure({ kind, message: problem.message });
      box.current?.focus();
    }
  }

  return (
    <form
      aria-labelledby="compose-title"
      className="space-y-2 rounded-lg border border-gray-200 p-3 dark:border-gray-700"
      onSubmit={(event) => {
        // Enter in a textarea is a new line; the form submits only from the buttons, as a reply.
        event.preventDefault();
        void send("reply");
      }}
    >
      <h2 id="compose-title" className="text-lg font-semibold">
        Write
      </h2>
      {failure && (
        <Alert tone="error" title={failure.kind === "reply" ? "The reply was not sent" : "The note was not added"}>
          {failure.message}
        </Alert>
      )}
      <TextArea
        ref={box}
        label="Message"
        name="body"
        rows={4}
        maxLength={5000}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        error={error}
        hint={`A reply goes to ${requesterName} in the portal; an internal note is for IT staff only.`}
      />
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" disabled={pending}>
          {reply.isPending ? "Sending…" : "Reply to the user"}
        </Button>
        <Button variant="secondary" disabled={pending} onClick={() => void send("note")}>
          {note.isPending ? "Adding…" : "Add internal note"}
        </Button>
        <p role="status" className="text-sm text-gray-700 dark:text-gray-300">
          {done}
        </p>
      </div>
    </form>
  );
}
