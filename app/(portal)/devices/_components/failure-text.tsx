import Link from "next/link";
import type { Failure } from "./use-device";

/** An action's failure, announced at once, with the way out when the terms are waiting. */
export function FailureText({ failure }: { failure: Failure | null }) {
  if (!failure) return null;
  return (
    <p role="alert" className="text-red-700 dark:text-red-300">
      {failure.message}
      {failure.terms && (
        <>
          {" "}
          <Link href="/terms" className="font-medium underline underline-offset-4">
            Read and accept the terms
          </Link>
        </>
      )}
    </p>
  );
}
