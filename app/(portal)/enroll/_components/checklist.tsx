"use client";

import { useEffect, useRef, useState } from "react";

export type Steps = { created: boolean; enrolled: boolean; checkedIn: boolean; evaluated: boolean };
type StepKey = keyof Steps;

const items: { key: StepKey; label: string; waiting: string }[] = [
  { key: "created", label: "Code created", waiting: "Creating your code." },
  { key: "enrolled", label: "Device enrolled", waiting: "Waiting for your device to use the code." },
  { key: "checkedIn", label: "Device checked in", waiting: "Waiting for the device to report in." },
  { key: "evaluated", label: "Compliance evaluated", waiting: "Checking the device against your organization's rules." },
];

function Mark({ state }: { state: "done" | "current" | "waiting" }) {
  if (state === "done") {
    return (
      <span aria-hidden="true" className="inline-flex size-7 shrink-0 items-center justify-center rounded-full bg-green-700 font-bold text-white">
        ✓
      </span>
    );
  }
  return (
    <span
      aria-hidden="true"
      className={`inline-flex size-7 shrink-0 rounded-full border-2 ${state === "current" ? "border-brand motion-safe:animate-pulse" : "border-gray-400 dark:border-gray-500"}`}
    />
  );
}

/**
 * The live checklist. Each step that ticks is announced once in a polite live region, so a
 * screen reader user hears the progress without hunting for it; the first load announces nothing.
 */
export function Checklist({ steps, headingRef }: { steps: Steps; headingRef?: React.Ref<HTMLHeadingElement> }) {
  const previous = useRef<Steps | null>(null);
  const [announcement, setAnnouncement] = useState("");
  useEffect(() => {
    const before = previous.current;
    previous.current = steps;
    if (!before) return;
    const ticked = items.filter((item) => steps[item.key] && !before[item.key]).map((item) => `${item.label}.`);
    if (ticked.length > 0) setAnnouncement(ticked.join(" "));
  }, [steps]);

  const current = items.find((item) => !steps[item.key])?.key ?? null;
  return (
    <section aria-labelledby="checklist-heading">
      <h2 ref={headingRef} id="checklist-heading" tabIndex={-1} className="text-lg font-semibold">
        Progress
      </h2>
      <ol className="mt-3 space-y-3">
        {items.map((item) => {
          const state = steps[item.key] ? "done" : item.key === current ? "current" : "waiting";
          return (
            <li key={item.key} data-step={item.key} data-state={state} className="flex items-start gap-3">
              <Mark state={state} />
              <div className="min-w-0 pt-0.5">
                <p className={state === "waiting" ? "text-gray-700 dark:text-gray-300" : "font-medium"}>
                  {item.label}
                  <span className="sr-only">{state === "done" ? ": done" : state === "current" ? ": in progress" : ": not yet"}</span>
                </p>
                {state === "current" && <p className="text-sm text-gray-700 dark:text-gray-300">{item.waiting}</p>}
              </div>
            </li>
          );
        })}
      </ol>
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
    </section>
  );
}
