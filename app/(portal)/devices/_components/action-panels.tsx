"use client";

import { useEffect, useId, useRef, useState } from "react";
import { Button } from "../../../_components/ui/button";
import { Field } from "../../../_components/ui/field";
import { FailureText } from "./failure-text";
import type { Failure } from "./use-device";

/** An opened step: its heading takes focus, so keyboard and screen reader users land in it. */
export function Panel({ title, children }: { title: string; children: React.ReactNode }) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div role="group" aria-labelledby={id} className="mt-3 rounded-md border border-gray-300 p-3 dark:border-gray-600">
      <h3 id={id} ref={heading} tabIndex={-1} className="mb-2 font-semibold">
        {title}
      </h3>
      {children}
    </div>
  );
}

/** Rename: keeps what was typed when the server refuses it. */
export function RenameForm({ current, onSubmit, onCancel, busy }: { current: string; onSubmit: (name: string) => Promise<Failure | null>; onCancel: () => void; busy: boolean }) {
  const [name, setName] = useState(current);
  const [failure, setFailure] = useState<Failure | null>(null);
  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    setFailure(await onSubmit(name));
  }
  return (
    <form onSubmit={submit} className="space-y-3" noValidate>
      <Field
        label="New name"
        name="name"
        value={name}
        maxLength={60}
        autoComplete="off"
        hint="The name you see in Ward; it changes once the device confirms."
        error={failure?.message}
        onChange={(event) => setName(event.target.value)}
      />
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button type="submit" disabled={busy}>
          {busy ? "Saving…" : "Save name"}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** A yes / no step that says what will happen before anything does. */
export function ConfirmForm({
  children,
  confirmLabel,
  danger = false,
  onConfirm,
  onCancel,
  busy,
}: {
  children: React.ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => Promise<Failure | null>;
  onCancel: () => void;
  busy: boolean;
}) {
  const [failure, setFailure] = useState<Failure | null>(null);
  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    setFailure(await onConfirm());
  }
  return (
    <form onSubmit={submit} className="space-y-3">
      <div className="space-y-1">{children}</div>
      <FailureText failure={failure} />
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button type="submit" variant={danger ? "danger" : "primary"} disabled={busy}>
          {busy ? "Sending…" : confirmLabel}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
