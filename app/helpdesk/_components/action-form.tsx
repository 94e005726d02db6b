"use client";

import { useEffect, useId, useRef, useState } from "react";
import { TextArea as KitTextArea } from "../../_components/ui/form-controls";
import { Button } from "../../_components/ui/button";
import { Field } from "../../_components/ui/field";
import { compactButton, type StaffActionKind } from "./labels";
import { reasonError, type ActionValues, type FieldErrors } from "./use-staff-actions";

const DEFAULT_LOCK_MESSAGE = "This device is locked by IT. Please contact the IT help desk.";
const PHONE = /^[+\d\s().-]*$/;

// Not "Lock <name>": that is already the name of the button that opened the step.
const submitLabels: Record<StaffActionKind, string> = {
  sync: "Request sync",
  rename: "Request rename",
  lock: "Request lock",
  lost_mode_off: "Request lost mode off",
  reset_passcode: "Request passcode reset",
  retire: "Request retire",
  wipe: "Request wipe",
  delete: "Delete the record",
};

const warnings: Partial<Record<StaffActionKind, (name: string) => string>> = {
  retire: (name) => `Company apps, data and settings are removed from ${name} and Ward stops managing it. Personal data stays.`,
  wipe: (name) => `Everything on ${name} is erased and it returns to factory settings. This cannot be undone once the device receives it.`,
  delete: (name) => `The record of ${name} and its action history are removed for good; its agent can no longer check in. Nothing is sent to the device.`,
};

/** The staff forms' compact label over the UI kit's TextArea. */
export function TextArea(props: React.ComponentProps<typeof KitTextArea> & { error?: string }) {
  return <KitTextArea rows={3} labelClassName="text-sm" {...props} />;
}

/**
 * One staff action's step: the kind's own fields, the required reason (checked here with the
 * server's rule, and the server's refusals shown beside the field they concern) and, for retire,
 * wipe and delete, the device name typed exactly. Escape closes it.
 */
export function ActionForm({
  kind,
  deviceName,
  busy,
  onSubmit,
  onCancel,
}: {
  kind: StaffActionKind;
  deviceName: string;
  busy: boolean;
  onSubmit: (values: ActionValues) => Promise<FieldErrors | null>;
  onCancel: () => void;
}) {
  const form = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<ActionValues>({ reason: "", name: deviceName, message: DEFAULT_LOCK_MESSAGE, phone: "" });
  const [confirm, setConfirm] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const warning = warnings[kind];
  const set = (field: keyof ActionValues) => (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));

  // Start in the first field, so the keyboard user types straight away.
  useEffect(() => {
    const first = form.current?.querySelector<HTMLElement>("input, textarea");
    first?.focus();
  }, []);

  const focusFirstError = (found: FieldErrors) => {
    const field = (["name", "message", "phone", "reason", "confirm"] as const).find((f) => found[f]);
    if (field) (form.current?.elements.namedItem(field) as HTMLElement | null)?.focus();
  };

  function validate(): FieldErrors {
    const found: FieldErrors = {};
    const name = values.name?.trim() ?? "";
    if (kind === "rename" && (name.length < 1 || name.length > 60)) found.name = name ? "Use at most 60 characters." : "Enter a name.";
    if (kind === "lock" && values.phone && !PHONE.test(values.phone)) found.phone = "Use digits, spaces and + - ( ) only.";
    const reason = reasonError(values.reason);
    if (reason) found.reason = reason;
    if (warning && confirm !== deviceName) found.confirm = `Type ${deviceName} exactly as shown.`;
    return found;
  }

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstError(found);
    const refused = await onSubmit(values);
    if (refused) {
      setErrors(refused);
      focusFirstError(refused);
    }
  }

  return (
    <form
      ref={form}
      onSubmit={submit}
      noValidate
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          onCancel();
        }
      }}
      className="space-y-3"
    >
      {warning && (
        <p className="rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-950 dark:border-red-700 dark:bg-red-950 dark:text-red-50">{warning(deviceName)}</p>
      )}
      {kind === "rename" && <Field label="New name" name="name" maxLength={60} autoComplete="off" value={values.name} error={errors.name} onChange={set("name")} />}
      {kind === "lock" && (
        <div className="grid gap-3 md:grid-cols-[2fr_1fr]">
          <TextArea label="Message on the screen" name="message" rows={2} maxLength={200} value={values.message} error={errors.message} onChange={set("message")} />
          <Field label="Phone number to call" name="phone" type="tel" autoComplete="off" value={values.phone} error={errors.phone} onChange={set("phone")} />
        </div>
      )}
      <TextArea
        label="Reason"
        name="reason"
        rows={2}
        maxLength={500}
        required
        hint="Required, at least 3 characters. Kept in the audit log."
        value={values.reason}
        error={errors.reason}
        onChange={set("reason")}
      />
      {warning && (
        <Field
          label={`Type the device name to confirm: ${deviceName}`}
          name="confirm"
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          value={confirm}
          error={errors.confirm}
          onChange={(event) => setConfirm(event.target.value)}
        />
      )}
      {errors.form && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {errors.form}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant={warning ? "danger" : "primary"} disabled={busy} className={compactButton}>
          {busy ? "Sending…" : submitLabels[kind]}
        </Button>
        <Button variant="secondary" onClick={onCancel} className={compactButton}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
