"use client";

import { useEffect, useState } from "react";

function mmss(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
}

function spoken(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  return minutes <= 1 ? "Less than a minute left to use this code." : `${minutes} minutes left to use this code.`;
}

/**
 * Time left on the code: the digits tick every second for the eye, while screen readers hear a
 * polite update at most once a minute (a per-second live region would drown everything else).
 * `skewMs` is the server clock minus this phone's, so a wrong phone clock does not matter.
 */
export function Countdown({ expiresAt, skewMs, onExpired }: { expiresAt: Date; skewMs: number; onExpired: () => void }) {
  const left = () => expiresAt.getTime() - (Date.now() + skewMs);
  const [remaining, setRemaining] = useState(left);
  useEffect(() => {
    const tick = () => {
      const ms = left();
      setRemaining(ms);
      if (ms <= 0) onExpired();
    };
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
    // left() reads only these inputs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [expiresAt, skewMs, onExpired]);

  const minuteMessage = spoken(remaining);
  return (
    <div>
      <p className="text-center text-gray-700 sm:text-left dark:text-gray-300" aria-hidden="true">
        Expires in{" "}
        <span className="font-mono text-lg font-semibold tabular-nums text-gray-900 dark:text-gray-100" suppressHydrationWarning>
          {mmss(remaining)}
        </span>
      </p>
      <p className="sr-only" aria-live="polite" suppressHydrationWarning>
        {remaining > 0 ? minuteMessage : "This code has expired."}
      </p>
    </div>
  );
}
