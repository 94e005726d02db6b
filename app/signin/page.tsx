import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentSession } from "@/server/auth/session";
import { DEMO_PASSWORD, demoAccounts } from "@/server/demo/accounts";
import { env } from "@/server/env";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

// Errors next-auth or our callbacks put in ?error=, in words a user can act on.
const errorMessages: Record<string, string> = {
  email_unverified: "Your identity provider did not confirm your email address, so Ward cannot match it to an account.",
  email_missing: "Your identity provider did not send an email address. Ask IT to release the email claim to Ward.",
  account_inactive: "This account is not active. Contact your IT help desk.",
  OAuthSignin: "We could not reach your company's sign-in service. Try again in a moment.",
  OAuthCallback: "Signing in with your company account did not complete. Try again.",
  AccessDenied: "You do not have access to Ward.",
  SessionRequired: "Sign in to continue.",
};

function safeCallback(value: string | undefined): string {
  return value && value.startsWith("/") && !value.startsWith("//") ? value : "/";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await currentSession()) redirect(callbackUrl);
  const { demo, localAccounts, oidc } = env();
  const error = params.error ? (errorMessages[params.error] ?? "Sign-in failed. Try again.") : null;

  return (
    <main id="main" className="mx-auto w-full max-w-md px-4 py-10">
      <h1 className="text-2xl font-semibold">Sign in to Ward</h1>
      <p className="mt-2 text-gray-600 dark:text-gray-300">Manage your devices and get help from IT.</p>
      {error && (
        <p role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 p-3 text-red-900 dark:border-red-700 dark:bg-red-950 dark:text-red-100">
          {error}
        </p>
      )}
      <SignInForm callbackUrl={callbackUrl} local={localAccounts} oidcName={oidc?.name ?? null} />
      {demo && localAccounts && (
        <section aria-labelledby="demo-accounts" className="mt-10 rounded-md border border-gray-200 p-4 dark:border-gray-700">
          <h2 id="demo-accounts" className="font-semibold">
            Demo accounts
          </h2>
          <p className="mt-1 text-sm text-gray-600 dark:text-gray-300">
            This Ward runs on demo data. Every account uses the password <code className="font-mono">{DEMO_PASSWORD}</code>.
          </p>
          <ul className="mt-3 space-y-2 text-sm">
            {demoAccounts.map((account) => (
              <li key={account.email}>
                <span className="font-mono break-all">{account.email}</span>
                <span className="block text-gray-600 dark:text-gray-300">{account.role}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
