"use client";

import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import type { StoredCode } from "./code-store";

/** The one-time code, large and copyable, with its QR code for the device's camera. */
export function CodePanel({ stored }: { stored: StoredCode }) {
  const [copyStatus, setCopyStatus] = useState("");
  async function copy() {
    try {
      await navigator.clipboard.writeText(stored.code);
      setCopyStatus("Code copied.");
    } catch {
      setCopyStatus("Could not copy. Select the code and copy it yourself.");
    }
  }
  return (
    <div className="flex flex-col items-center gap-4 sm:flex-row sm:items-start">
      <div className="w-full text-center sm:text-left">
        <p className="font-medium">
          Your code
        </p>
        {/* Letters one by one for screen readers; the visual code is one selectable word. */}
        <p className="sr-only">{stored.code.split("").join(" ")}</p>
        <p
          aria-hidden="true"
          data-testid="enrollment-code"
          className="mt-1 select-all font-mono text-4xl font-bold tracking-widest break-all text-gray-900 dark:text-gray-100"
        >
          {stored.code}
        </p>
        <Button variant="secondary" onClick={copy} className="mt-3 w-full sm:w-auto">
          Copy code
        </Button>
        <p role="status" className="mt-1 text-sm text-gray-700 dark:text-gray-300">
          {copyStatus}
        </p>
      </div>
      <div
        role="img"
        aria-label={`QR code containing the enrollment code ${stored.code}`}
        className="w-48 shrink-0 rounded-md border border-gray-300 bg-white p-1 [&>svg]:block [&>svg]:h-auto [&>svg]:w-full"
        // Drawn by our server from our own URL (enrollmentQrSvg), not from user input.
        dangerouslySetInnerHTML={{ __html: stored.qrSvg }}
      />
    </div>
  );
}
