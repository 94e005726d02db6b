import { redirect } from "next/navigation";
import { currentSession } from "@/server/auth/session";
import { env } from "@/server/env";
import { serverApi } from "@/server/trpc/server-caller";
import { AppShell } from "../_components/app-shell";
import { LiveUpdates } from "../_components/live-updates";
import { StepUpProvider } from "../_components/step-up";

/** Every employee screen: signed in, branded, live, with step-up available. */
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const session = await currentSession();
  if (!session) redirect("/signin");
  const api = await serverApi();
  const [profile, branding, staff, unread] = await Promise.all([api.me.profile(), api.me.branding(), api.me.isStaff(), api.notifications.unreadCount()]);
  const brandStyle = { "--brand": branding.themeColor, "--brand-strong": branding.themeStrong, "--brand-contrast": branding.themeText } as React.CSSProperties;
  return (
    <div style={brandStyle}>
      <StepUpProvider email={profile.email} provider={session.provider} oidcName={env().oidc?.name ?? null}>
        <AppShell organizationName={branding.organizationName} logoUrl={branding.logoUrl} userName={profile.name} staff={staff} unread={unread}>
          {children}
        </AppShell>
        <LiveUpdates />
      </StepUpProvider>
      {branding.privacyUrl && (
        <footer className="mx-auto max-w-3xl px-4 pb-8 text-sm">
          <a href={branding.privacyUrl} className="underline underline-offset-4">
            {branding.organizationName} privacy statement
          </a>
        </footer>
      )}
    </div>
  );
}
