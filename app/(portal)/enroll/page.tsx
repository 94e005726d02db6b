import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { Alert } from "@/app/_components/ui/alert";
import { LinkButton } from "@/app/_components/ui/button";
import { serverApi } from "@/server/trpc/server-caller";
import { CodeStep } from "./_components/code-step";
import { CreateCodeButton } from "./_components/create-code-button";
import { OwnershipChoice } from "./_components/ownership-choice";
import { PrivacyFacts } from "./_components/privacy-facts";
import { StepHeading } from "./_components/step-heading";
import { TermsRequired } from "./_components/terms-required";

export const metadata: Metadata = { title: "Enroll a device" };

type Search = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? null;
const isOwnership = (value: string | null): value is "personal" | "corporate" => value === "personal" || value === "corporate";
// What a phone camera opens from the QR code (enrollmentQrPayload): the code is for the device's app.
const SCANNED = /^[0-9A-Z]{4}-?[0-9A-Z]{4}$/i;

/**
 * Enrollment in three steps kept in the URL (?step=privacy&ownership=..., ?step=code&codeId=...),
 * so Back, reload and a phone switching apps all return to the same place.
 */
export default async function EnrollPage({ searchParams }: { searchParams: Promise<Search> }) {
  const params = await searchParams;
  const step = first(params.step);
  const ownership = first(params.ownership);
  const codeId = first(params.codeId);
  const api = await serverApi();

  if (step === "code" && codeId) {
    try {
      const progress = await api.enrollment.progress({ codeId });
      return <CodeStep key={codeId} codeId={codeId} initial={progress} />;
    } catch (error) {
      if (!(error instanceof TRPCError) || (error.code !== "NOT_FOUND" && error.code !== "BAD_REQUEST")) throw error;
      return (
        <div className="space-y-4">
          <StepHeading step={null}>Enroll a device</StepHeading>
          <Alert tone="warning" title="We could not find this enrollment code">
            It may belong to another account, or the link is incomplete. Start again to get a new code.
          </Alert>
          <LinkButton href="/enroll" className="w-full sm:w-auto">
            Start again
          </LinkButton>
        </div>
      );
    }
  }

  const pending = (await api.terms.mine()).filter((t) => t.mustAccept);
  const scanned = first(params.code);
  const scannedNotice =
    scanned && SCANNED.test(scanned) ? (
      <Alert tone="info" title="You scanned an enrollment code" className="mb-4">
        This code is for the Ward app on the device you are enrolling: open the app there and enter{" "}
        <span className="font-mono font-semibold">{scanned.toUpperCase()}</span>, or scan the QR code with it.
      </Alert>
    ) : null;
  if (pending.length > 0) {
    return (
      <div>
        <StepHeading step={null}>Enroll a device</StepHeading>
        {scannedNotice}
        <TermsRequired titles={pending.map((t) => t.current.title)} />
      </div>
    );
  }

  if (step === "privacy" && isOwnership(ownership)) {
    return (
      <div className="space-y-4">
        <StepHeading key="privacy" step={2} description={`For a ${ownership} device, in plain words.`}>
          What your organization can and cannot see
        </StepHeading>
        <PrivacyFacts ownership={ownership} />
        <CreateCodeButton ownership={ownership} />
        <LinkButton href={`/enroll?ownership=${ownership}`} variant="ghost" className="w-full sm:w-auto">
          Back
        </LinkButton>
      </div>
    );
  }

  return (
    <div>
      <StepHeading key="choose" step={1} description="Get a device ready for work e-mail and apps in a few minutes.">
        Enroll a device
      </StepHeading>
      {scannedNotice}
      <OwnershipChoice selected={ownership} error={step === "privacy" ? "Choose whether the device is personal or corporate." : null} />
    </div>
  );
}
