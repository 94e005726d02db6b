// zod/mini: the same schema runs in the sign-in form, where full zod would add ~30 KiB gzip.
import * as z from "zod/mini";

/** Shared by the sign-in form and the server: the same messages on both sides. */
export const credentialsSchema = z.object({
  email: z.pipe(
    z.string({ error: "Enter your email address" }).check(
      z.trim(),
      z.minLength(1, "Enter your email address"),
      z.maxLength(254, "That email address is too long"),
    ),
    z.email("Enter a valid email address, like name@example.com"),
  ),
  password: z
    .string({ error: "Enter your password" })
    .check(z.minLength(1, "Enter your password"), z.maxLength(1024, "That password is too long (1024 characters at most)")),
});

export type Credentials = z.infer<typeof credentialsSchema>;

/** The first message per field, for forms. */
export function credentialErrors(error: z.core.$ZodError): { email?: string; password?: string } {
  const fields = z.flattenError(error).fieldErrors as { email?: string[]; password?: string[] };
  return { email: fields.email?.[0], password: fields.password?.[0] };
}
