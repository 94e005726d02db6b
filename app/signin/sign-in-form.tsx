"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { credentialErrors, credentialsSchema } from "@/server/auth/credentials";

type FieldErrors = { email?: string; password?: string; form?: string };

export function SignInForm({ callbackUrl, local, oidcName }: { callbackUrl: string; local: boolean; oidcName: string | null }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);
  const id = useId();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const parsed = credentialsSchema.safeParse({ email: data.get("email"), password: data.get("password") });
    if (!parsed.success) {
      setErrors(credentialErrors(parsed.error));
      return;
    }
    setPending(true);
    setErrors({});
    try {
      const result = await signIn("credentials", { ...parsed.data, redirect: false, callbackUrl });
      if (!result || result.error) {
        setErrors({ form: result?.error && result.error !== "CredentialsSignin" ? result.error : "Sign-in failed. Try again." });
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setErrors({ form: "We could not reach Ward. Check your connection and try again." });
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="mt-6 space-y-6">
      {oidcName && (
        <button
          type="button"
          onClick={() => signIn("oidc", { callbackUrl })}
          className="min-h-11 w-full rounded-md bg-brand px-4 font-medium text-white hover:bg-brand-strong"
        >
          Sign in with {oidcName}
        </button>
      )}
      {local && (
        <form noValidate onSubmit={onSubmit} aria-describedby={errors.form ? `${id}-form` : undefined} className="space-y-4">
          {errors.form && (
            <p id={`${id}-form`} role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-red-900 dark:border-red-700 dark:bg-red-950 dark:text-red-100">
              {errors.form}
            </p>
          )}
          <Field id={`${id}-email`} name="email" label="Email" type="email" autoComplete="username" error={errors.email} />
          <Field id={`${id}-password`} name="password" label="Password" type="password" autoComplete="current-password" error={errors.password} />
          <button
            type="submit"
            disabled={pending}
            className="min-h-11 w-full rounded-md border border-gray-300 bg-gray-900 px-4 font-medium text-white hover:bg-gray-700 disabled:opacity-60 dark:bg-gray-100 dark:text-gray-900"
          >
            {pending ? "Signing in…" : "Sign in"}
          </button>
        </form>
      )}
    </div>
  );
}

function Field(props: { id: string; name: string; label: string; type: string; autoComplete: string; error?: string }) {
  return (
    <div>
      <label htmlFor={props.id} className="block font-medium">
        {props.label}
      </label>
      <input
        id={props.id}
        name={props.name}
        type={props.type}
        autoComplete={props.autoComplete}
        required
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
        className="mt-1 block min-h-11 w-full rounded-md border border-gray-400 bg-white px-3 text-base dark:border-gray-500 dark:bg-gray-800"
      />
      {props.error && (
        <p id={`${props.id}-error`} className="mt-1 text-sm text-red-700 dark:text-red-300">
          {props.error}
        </p>
      )}
    </div>
  );
}
