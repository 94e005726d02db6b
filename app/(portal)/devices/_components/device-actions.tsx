"use client";

import { useEffect, useRef, useState } from "react";
import { Alert } from "../../../_components/ui/alert";
import { Button } from "../../../_components/ui/button";
import { Card } from "../../../_components/ui/card";
import { ConfirmForm, Panel, RenameForm } from "./action-panels";
import { CommandHistory } from "./command-history";
import type { CommandKind } from "./labels";
import { LockForm } from "./lock-form";
import { PasscodeResult } from "./passcode-result";
import { useDevice, useDeviceCommands, useStepParam, type DeviceDetails, type Failure } from "./use-device";
import { WipeConfirm } from "./wipe-confirm";

const ACTIONS: { kind: CommandKind; label: string; panel: boolean }[] = [
  { kind: "sync", label: "Sync now", panel: false },
  { kind: "rename", label: "Rename", panel: true },
  { kind: "lock", label: "Lock (lost mode)", panel: true },
  { kind: "lost_mode_off", label: "Turn lost mode off", panel: false },
  { kind: "reset_passcode", label: "Reset passcode", panel: true },
  { kind: "retire", label: "Remove from Ward", panel: true },
  { kind: "wipe", label: "Wipe (factory reset)", panel: true },
];

// For actions the capability table has no note for.
const NOTES: Partial<Record<CommandKind, string>> = {
  sync: "Asks the device to check in now and report its status.",
  rename: "Changes the name you see in Ward.",
};

const requested: Record<CommandKind, (name: string) => string> = {
  sync: (name) => `Sync requested: ${name} checks in as soon as it is online.`,
  rename: (name) => `Rename requested: the new name shows once ${name} confirms it.`,
  lock: (name) => `Lock requested: ${name} locks and shows your message as soon as it is online.`,
  lost_mode_off: (name) => `Unlock requested: ${name} leaves lost mode as soon as it is online.`,
  reset_passcode: (name) => `Passcode reset requested for ${name}.`,
  retire: (name) => `Removal requested: company data leaves ${name} as soon as it is online. Until then you can cancel it below.`,
  wipe: (name) => `Wipe requested: ${name} is erased as soon as it is online. Until then you can cancel it below.`,
};

/**
 * The device's actions and their history, live: useQuery over devices.get, refetched whenever the
 * server signals a change, so states move from pending to done without a reload.
 */
export function DeviceActions({ initial, phone }: { initial: DeviceDetails; phone: string | null }) {
  const { device, capabilities, commands } = useDevice(initial);
  const { run, cancelCommand, busy } = useDeviceCommands(device.id);
  const [open, setOpen] = useStepParam("action");
  const [notice, setNotice] = useState<{ text: string; failed: boolean } | null>(null);
  const [passcode, setPasscode] = useState<{ commandId: string; temporary: boolean } | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const name = device.displayName;

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const close = (kind: CommandKind) => {
    setOpen(null);
    document.getElementById(`action-${kind}`)?.focus();
  };

  /** Requests the action; a failure stays in the open step, beside what was typed. */
  async function act(kind: CommandKind, payload?: Record<string, unknown>): Promise<Failure | null> {
    setNotice(null);
    const result = await run(kind, payload);
    if (!result.ok) {
      // Actions without a step have nowhere else to say why they failed.
      if (result.failure && !ACTIONS.find((a) => a.kind === kind)?.panel) setNotice({ text: result.failure.message, failed: true });
      return result.failure;
    }
    setOpen(null);
    if (kind === "reset_passcode") setPasscode({ commandId: result.command.id, temporary: result.command.payload.mode === "temporary" });
    else setNotice({ text: requested[kind](name), failed: false });
    return null;
  }

  function panelFor(kind: CommandKind) {
    switch (kind) {
      case "rename":
        return <RenameForm current={name} busy={busy} onSubmit={(value) => act("rename", { name: value })} onCancel={() => close(kind)} />;
      case "lock":
        return <LockForm deviceName={name} phone={phone} busy={busy} onSubmit={(payload) => act("lock", payload)} onCancel={() => close(kind)} />;
      case "reset_passcode":
        return (
          <ConfirmForm confirmLabel="Reset passcode" busy={busy} onConfirm={() => act(kind)} onCancel={() => close(kind)}>
            <p>{device.platform === "android" ? "A temporary passcode replaces the current one. You see it here right after." : "The passcode is removed; you then set a new one on the device."}</p>
            <p className="text-sm text-gray-700 dark:text-gray-300">For your security, you may be asked to sign in again.</p>
          </ConfirmForm>
        );
      case "retire":
        return (
          <ConfirmForm confirmLabel={`Remove ${name}`} danger busy={busy} onConfirm={() => act(kind)} onCancel={() => close(kind)}>
            <p>Company apps, data and settings are removed from {name} and Ward stops managing it. Personal data stays on the device.</p>
            <p className="text-sm text-gray-700 dark:text-gray-300">You can enroll it again later. You may be asked to sign in again.</p>
          </ConfirmForm>
        );
      case "wipe":
        return <WipeConfirm deviceName={name} busy={busy} onConfirm={() => act(kind)} onCancel={() => close(kind)} />;
      default:
        return null;
    }
  }

  const passcodeCommand = passcode && commands.find((c) => c.id === passcode.commandId);
  return (
    <>
      <Card aria-labelledby="actions-title">
        <h2 id="actions-title" className="text-lg font-semibold">
          Actions
        </h2>
        {notice && (
          <div ref={noticeRef} tabIndex={-1} className="mt-3">
            <Alert tone={notice.failed ? "error" : "info"}>{notice.text}</Alert>
          </div>
        )}
        {passcode && (
          <div className="mt-3">
            <PasscodeResult
              commandId={passcode.commandId}
              temporary={passcode.temporary}
              deviceName={name}
              status={passcodeCommand?.status ?? "pending"}
              onClose={() => {
                setPasscode(null);
                document.getElementById("action-reset_passcode")?.focus();
              }}
            />
          </div>
        )}
        <ul className="mt-2 divide-y divide-gray-200 dark:divide-gray-700">
          {ACTIONS.map(({ kind, label, panel }) => {
            const capability = capabilities[kind];
            const expanded = panel && open === kind && capability.allowed;
            return (
              <li key={kind} className="py-3">
                <Button
                  id={`action-${kind}`}
                  variant={kind === "wipe" || kind === "retire" ? "danger" : "secondary"}
                  className="w-full sm:w-auto"
                  disabled={!capability.allowed || busy}
                  aria-describedby={`why-${kind}`}
                  aria-expanded={panel ? expanded : undefined}
                  onClick={() => (panel ? (expanded ? close(kind) : setOpen(kind)) : void act(kind))}
                >
                  {label}
                </Button>
                <p id={`why-${kind}`} className="mt-1 text-sm text-gray-700 dark:text-gray-300">
                  {capability.allowed ? (capability.note ?? NOTES[kind] ?? "") : `Unavailable: ${capability.reason}`}
                </p>
                {expanded && <Panel title={label}>{panelFor(kind)}</Panel>}
              </li>
            );
          })}
        </ul>
      </Card>
      <Card aria-labelledby="history-title">
        <h2 id="history-title" className="text-lg font-semibold">
          Action history
        </h2>
        <CommandHistory
          commands={commands}
          busy={busy}
          onCancel={cancelCommand}
          onReveal={(command) => setPasscode({ commandId: command.id, temporary: true })}
        />
      </Card>
    </>
  );
}
