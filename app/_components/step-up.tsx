"use client";

import { TRPCClientError } from "@trpc/client";
import { signIn } from "next-auth/react";
import { createContext, useCallback, useContext, useId, useRef, useState } from "react";
import { Button } from "./ui/button";

type StepUp = { request: () => Promise<boolean> };
const StepUpContext = createContext<StepUp | null>(null);

export function isStepUpError(error: unknown): boolean {
  return error instanceof TRPCClientError && (error.data as { appCode?: string } | undefined)?.appCode === "STEP_UP_REQUIRED";
}

/**
 * "Confirm it's you" (step-up) before risky actions: the server answers STEP_UP_REQUIRED when the
 * last interactive sign-in is older than 5 minutes. Password accounts re-enter their password in
 * a dialog and the action is retried; SSO accounts go back through the provider with a forced
 * login and return to the same page (and step, kept in the URL).
 */
export function StepUpProvider({ email, provider, oidcName, children }: { email: string; provider: string | null; oidcName: string | null; children: React.ReactNode }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const resolver = useRef<((ok: boolean) => void) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const id = useId();

  const finish = (ok: boolean) => {
    dialog.current?.close();
    resolver.current?.(ok);
    resolver.current = null;
  };
  const request = useCallback(
    () =>
      new Promise<boolean>((resolve) => {
        resolver.current = resolve;
        setError(null);
        dialog.current?.showModal();
      }),
    [],
  );

  async function confirm(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Kept before the await: React clears event.currentTarget once the handler yields.
    const form = event.currentTarget;
    const password = String(new FormData(form).get("password") ?? "");
    if (!password) return setError("Enter your password.");
    setPending(true);
    const result = await signIn("credentials", { email, password, redirect: false }).catch(() => null);
    setPending(false);
    if (!result || result.error) return setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "That password is not right. Try again.");
    form.reset();
    finish(true);
  }

  const sso = provider === "oidc";
  return (
    <StepUpContext.Provider value={{ request }}>
      {children}
      <dialog
        ref={dialog}
        aria-labelledby={`${id}-title`}
        onCancel={() => finish(false)}
        className="m-auto w-[calc(100%-2rem)] max-w-sm rounded-lg bg-white p-5 text-gray-900 backdrop:bg-black/60 dark:bg-gray-900 dark:text-gray-100"
      >
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          Confirm it&apos;s you
        </h2>
        <p className="mt-1 text-gray-700 dark:text-gray-300">For this action, sign in again. It keeps someone with your unlocked phone from using it.</p>
        {sso ? (
          <div className="mt-4 flex flex-col gap-2">
            <Button onClick={() => signIn("oidc", { callbackUrl: window.location.href }, { prompt: "login", max_age: "0" })}>Continue with {oidcName ?? "single sign-on"}</Button>
            <Button variant="secondary" onClick={() => finish(false)}>
              Cancel
            </Button>
          </div>
        ) : (
          <form onSubmit={confirm} className="mt-4 space-y-3" noValidate>
            <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
            <label htmlFor={`${id}-password`} className="block font-medium">
              Password
            </label>
            <input
              id={`${id}-password`}
              name="password"
              type="password"
              autoComplete="current-password"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              className="block min-h-11 w-full rounded-md border border-gray-500 bg-white px-3 text-base dark:border-gray-400 dark:bg-gray-800"
            />
            {error && (
              <p id={`${id}-error`} role="alert" className="text-sm text-red-700 dark:text-red-300">
                {error}
              </p>
            )}
            <div className="flex flex-col gap-2">
              <Button type="submit" disabled={pending}>
                {pending ? "Checking…" : "Confirm"}
              </Button>
              <Button variant="secondary" onClick={() => finish(false)}>
                Cancel
              </Button>
            </div>
          </form>
        )}
      </dialog>
    </StepUpContext.Provider>
  );
}

/** Runs an action; if the server asks for a recent sign-in, asks for it and runs it again. */
export function useStepUp() {
  const context = useContext(StepUpContext);
  return useCallback(
    async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await action();
      } catch (error) {
        if (!isStepUpError(error) || !context) throw error;
        if (!(await context.request())) return undefined;
        return await action();
      }
    },
    [context],
  );
}
