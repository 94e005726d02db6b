"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { problemOf } from "../../../helpdesk/tickets/_components/form-controls";

export type FieldErrors = Record<string, string | undefined>;

/**
 * The role and assignment forms behave alike, so the shell is shared: focus on the heading when
 * the form opens; local checks first, then the server; a refusal keeps everything typed, marks the
 * fields it names and is shown at the top, where focus goes; Save and Cancel at the bottom.
 */
export function EditorForm(props: {
  /** What is edited, in lower case ("role"), and the name it had, or null for a new one. */
  what: string;
  editing: string | null;
  newTitle: string;
  pending: boolean;
  validate: () => FieldErrors;
  /** Saves and returns the sentence to announce. */
  save: () => Promise<string>;
  onClose: (message: string | null) => void;
  children: (errors: FieldErrors) => ReactNode;
}) {
  const { what, editing, pending, onClose } = props;
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const alert = useRef<HTMLDivElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => heading.current?.focus(), []);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    const local = props.validate();
    setErrors(local);
    if (Object.keys(local).length) return;
    try {
      onClose(await props.save());
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
        {editing === null ? props.newTitle : `Edit ${what} “${editing}”`}
      </h3>
      {failure && (
        <div ref={alert} tabIndex={-1}>
          <Alert tone="error" title={`The ${what} was not ${editing === null ? "created" : "saved"}`}>
            {failure}
          </Alert>
        </div>
      )}
      {props.children(errors)}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : `${editing === null ? "Create" : "Save"} ${what}`}
        </Button>
        <Button variant="secondary" onClick={() => onClose(null)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
