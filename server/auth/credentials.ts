import { z } from "zod";

/** Shared by the sign-in form and the server: the same messages on both sides. */
export const credentialsSchema = z.object({
  email: z
    .string({ error: "Enter your email address" })
    .trim()
    .min(1, "Enter your email address")
    .max(254, "That email address is too long")
    .pipe(z.email("Enter a valid email address, like name@example.com")),
  password: z
    .string({ error: "Enter your password" })
    .min(1, "Enter your password")
    .max(1024, "That password is too long (1024 characters at most)"),
});

export type Credentials = z.infer<typeof credentialsSchema>;
