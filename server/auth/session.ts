import "server-only";
import { getServerSession } from "next-auth";
import { authOptions } from "./options";

export type WardSession = { userId: string; authTime: number; email: string | null; provider: string | null };

/** The signed-in user's session in a server component or route handler, or null. */
export async function currentSession(): Promise<WardSession | null> {
  const session = await getServerSession(authOptions());
  if (!session?.user?.id) return null;
  return { userId: session.user.id, authTime: session.authTime ?? 0, email: session.user.email, provider: session.provider ?? null };
}
