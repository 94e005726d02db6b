"use client";

import { useEffect, useRef } from "react";

// The first heading after a full page load is not focused: the browser starts at the top and a
// screen reader reads the page from there. Every later step change moves focus to the new step.
let firstMountDone = false;

/** The h1 of an enrollment step, with "Step n of 3" above it; takes focus on step change. */
export function StepHeading({ step, children, description }: { step: number | null; children: React.ReactNode; description?: React.ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (firstMountDone) heading.current?.focus();
    firstMountDone = true;
  }, []);
  return (
    <div className="mb-4">
      {step !== null && <p className="text-sm font-medium text-gray-700 dark:text-gray-300">Step {step} of 3</p>}
      <h1 ref={heading} tabIndex={-1} className="text-2xl font-semibold">
        {children}
      </h1>
      {description && <p className="mt-1 text-gray-700 dark:text-gray-300">{description}</p>}
    </div>
  );
}
