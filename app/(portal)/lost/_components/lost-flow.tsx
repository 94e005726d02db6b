"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { Alert } from "../../../_components/ui/alert";
import { Button } from "../../../_components/ui/button";
import { Card } from "../../../_components/ui/card";
import { Panel } from "../../devices/_components/action-panels";
import { CommandHistory } from "../../devices/_components/command-history";
import { FailureText } from "../../devices/_components/failure-text";
import { isActive } from "../../devices/_components/labels";
import { LockForm } from "../../devices/_components/lock-form";
import { useDevice, useDeviceCommands, useStepParam, type DeviceDetails, type Failure } from "../../devices/_components/use-device";
import { WipeConfirm } from "../../devices/_components/wipe-confirm";

type Stage = "lock" | "locking" | "locked" | "wipe_pending" | "wipe_sent" | "unlocking" | "back" | "retiring" | "gone";

/**
 * The lost-device steps (DESIGN F7) for one device, driven by its live state: lock it with a
 * message, then wipe it or say "I found it". Each stage says what happens next; the stage heading
 * takes focus when the stage changes, so screen reader users hear the news.
 */
export function LostFlow({ initial, phone }: { initial: DeviceDetails; phone: string | null }) {
  const { device, capabilities, commands } = useDevice(initial);
  const { run, foundIt, cancelCommand, busy } = useDeviceCommands(device.id);
  const [step, setStep] = useStepParam("step");
  const [outcome, setOutcome] = useState<string | null>(null);
  const [foundAsked, setFoundAsked] = useState(false);
  const [foundFailure, setFoundFailure] = useState<Failure | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const name = device.displayName;
  const state = device.managementState;
  const active = (kind: string) => commands.find((c) => c.kind === kind && isActive(c.status));
  const wipe = active("wipe");

  const stage: Stage =
    state === "wiped" || state === "retired"
      ? "gone"
      : wipe
        ? wipe.status === "sent"
          ? "wipe_sent"
          : "wipe_pending"
        : state === "retire_pending"
          ? "retiring"
          : active("lost_mode_off")
            ? "unlocking"
            : state === "lost_mode"
              ? "locked"
              : active("lock")
                ? "locking"
                : foundAsked
                  ? "back"
                  : "lock";

  const shown = useRef(stage);
  useEffect(() => {
    if (shown.current === stage) return;
    shown.current = stage;
    heading.current?.focus();
  }, [stage]);

  async function found() {
    setFoundFailure(null);
    setStep(null);
    const result = await foundIt();
    if (!result.ok) return setFoundFailure(result.failure);
    setFoundAsked(true);
    setOutcome(result.outcome.message);
  }

  async function lock(payload: { message: string; phone?: string }) {
    setOutcome(null);
    setFoundAsked(false);
    const result = await run("lock", payload);
    return result.ok ? null : result.failure;
  }

  async function requestWipe() {
    const result = await run("wipe");
    if (result.ok) setStep(null);
    return result.ok ? null : result.failure;
  }

  const titles: Record<Stage, string> = {
    lock: `Step 1 of 2: lock ${name}`,
    locking: `Locking ${name}…`,
    locked: "Locked: the screen shows your message",
    wipe_pending: `Wipe waiting for ${name}`,
    wipe_sent: `Wiping ${name}`,
    unlocking: `Unlocking ${name}`,
    back: `${name} is out of lost mode`,
    retiring: `${name} is being removed`,
    gone: state === "wiped" ? `${name} was wiped` : `${name} was removed`,
  };

  const foundSection = (
    <div className="space-y-1">
      <Button variant="secondary" className="w-full sm:w-auto" disabled={busy} aria-describedby="found-what" onClick={found}>
        I found it
      </Button>
      <p id="found-what" className="text-sm text-gray-700 dark:text-gray-300">
        Unlocks {name}, removes the message and stops a wipe that has not reached it yet.
      </p>
      <FailureText failure={foundFailure} />
    </div>
  );

  const wipeSection = capabilities.wipe.allowed ? (
    <div className="space-y-1">
      <h3 className="font-semibold">Step 2 of 2 (optional): wipe it</h3>
      <p className="text-sm text-gray-700 dark:text-gray-300">
        If you think it is gone for good, erase it. It is wiped as soon as it is online; until then, “I found it” still stops the wipe.
      </p>
      {step === "wipe" ? (
        <Panel title={`Wipe ${name}`}>
          <WipeConfirm deviceName={name} busy={busy} onConfirm={requestWipe} onCancel={() => setStep(null)} />
        </Panel>
      ) : (
        <Button variant="danger" className="w-full sm:w-auto" aria-expanded={false} onClick={() => setStep("wipe")}>
          Wipe {name}…
        </Button>
      )}
    </div>
  ) : (
    <div className="space-y-1">
      <Button variant="danger" className="w-full sm:w-auto" disabled aria-describedby="wipe-why">
        Wipe {name}
      </Button>
      <p id="wipe-why" className="text-sm text-gray-700 dark:text-gray-300">
        Unavailable: {capabilities.wipe.reason}
      </p>
    </div>
  );

  const lostCommands = commands.filter((c) => ["lock", "wipe", "lost_mode_off"].includes(c.kind)).slice(0, 4);
  return (
    <div className="space-y-5">
      {outcome && <Alert tone="info">{outcome}</Alert>}
      <Card aria-labelledby="stage-title" className="space-y-4">
        <h2 id="stage-title" ref={heading} tabIndex={-1} className="text-xl font-semibold">
          {titles[stage]}
        </h2>
        {stage === "lock" && <LockForm deviceName={name} phone={phone} busy={busy} onSubmit={lock} />}
        {stage === "locking" && (
          <>
            <p>The lock is on its way. {name} locks as soon as it is online and shows your message; this page updates by itself.</p>
            {wipeSection}
            {foundSection}
          </>
        )}
        {stage === "locked" && (
          <>
            <p>
              {name} is locked. Its screen shows “{device.lostModeMessage}”{device.lostModePhone ? `, with ${device.lostModePhone} to call` : ""}.
            </p>
            {wipeSection}
            {foundSection}
          </>
        )}
        {stage === "wipe_pending" && (
          <>
            <p>{name} is erased as soon as it is online. Found it before then? “I found it” stops the wipe and unlocks it.</p>
            {foundSection}
          </>
        )}
        {stage === "wipe_sent" && <p>The wipe has reached {name} and cannot be stopped. When it is done, the device is removed from Ward.</p>}
        {stage === "unlocking" && <p>{name} leaves lost mode as soon as it is online. Its screen then works as usual.</p>}
        {stage === "back" && <p>Nothing else to do. If it goes missing again, come back here.</p>}
        {stage === "retiring" && <p>Company data is being removed from {name}. To lock it instead, cancel the removal on the device page first.</p>}
        {stage === "gone" && <p>Ward no longer manages it. If it turns up, you can enroll it again.</p>}
        <Link href={`/devices/${device.id}`} className="inline-flex min-h-11 items-center font-medium underline underline-offset-4">
          Open {name}&apos;s page
        </Link>
      </Card>
      {lostCommands.length > 0 && (
        <Card aria-labelledby="lost-history">
          <h2 id="lost-history" className="text-lg font-semibold">
            What happened so far
          </h2>
          <CommandHistory commands={lostCommands} busy={busy} onCancel={cancelCommand} onReveal={() => {}} />
        </Card>
      )}
    </div>
  );
}
