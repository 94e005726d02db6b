"use client";

import { useId, useState } from "react";
import { Button } from "../../../_components/ui/button";
import { Field } from "../../../_components/ui/field";
import { FailureText } from "./failure-text";
import type { Failure } from "./use-device";

export const lostMessage = (phone: string) => (phone.trim() ? `This device is lost. Please call ${phone.trim()}.` : "This device is lost. Please contact its owner.");

/**
 * Lost mode: the message and phone number shown on the locked screen. The message follows the
 * phone number until the person writes their own; what was typed stays after an error.
 */
export function LockForm({
  deviceName,
  phone: initialPhone,
  onSubmit,
  onCancel,
  busy,
}: {
  deviceName: string;
  phone: string | null;
  onSubmit: (payload: { message: string; phone?: string }) => Promise<Failure | null>;
  onCancel?: () => void;
  busy: boolean;
}) {
  const id = useId();
  const [phone, setPhone] = useState(initialPhone ?? "");
  const [message, setMessage] = useState(lostMessage(initialPhone ?? ""));
  const [edited, setEdited] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    setFailure(await onSubmit({ message, ...(phone.trim() ? { phone: phone.trim() } : {}) }));
  }

  return (
    <form onSubmit={submit} className="space-y-3" noValidate aria-describedby={`${id}-next`}>
      <p id={`${id}-next`} className="text-gray-700 dark:text-gray-300">
        {deviceName} locks as soon as it is online and shows this message and number, so whoever finds it can reach you.
      </p>
      <div>
        <label htmlFor={`${id}-message`} className="block font-medium">
          Message on the screen
        </label>
        <textarea
          id={`${id}-message`}
          name="message"
          rows={3}
          maxLength={200}
          value={message}
          onChange={(event) => {
            setMessage(event.target.value);
            setEdited(true);
          }}
          className="mt-1 block w-full rounded-md border border-gray-500 bg-white px-3 py-2 text-base text-gray-900 dark:border-gray-400 dark:bg-gray-800 dark:text-gray-100"
        />
      </div>
      <Field
        label="Phone number to call"
        name="phone"
        type="tel"
        autoComplete="tel"
        inputMode="tel"
        value={phone}
        hint="Someone else's number if you are without your phone."
        onChange={(event) => {
          setPhone(event.target.value);
          if (!edited) setMessage(lostMessage(event.target.value));
        }}
      />
      <FailureText failure={failure} />
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button type="submit" variant="danger" disabled={busy}>
          {busy ? "Locking…" : `Lock ${deviceName}`}
        </Button>
        {onCancel && (
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
