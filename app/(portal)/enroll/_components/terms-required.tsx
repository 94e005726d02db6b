import { Alert } from "@/app/_components/ui/alert";
import { LinkButton } from "@/app/_components/ui/button";

/** Enrollment is blocked until the current terms are accepted (DESIGN F2): say so, and link there. */
export function TermsRequired({ titles }: { titles: string[] }) {
  return (
    <Alert tone="warning" title="First, accept your organization's terms">
      <p>
        Before you enroll a device, read and accept {titles.map((title) => `"${title}"`).join(" and ")}. It takes a minute, and you come straight back here.
      </p>
      <LinkButton href="/terms?next=/enroll" className="mt-3 w-full sm:w-auto">
        Read and accept the terms
      </LinkButton>
    </Alert>
  );
}
