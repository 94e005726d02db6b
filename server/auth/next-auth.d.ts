import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string | null; name: string | null };
    /** Seconds since the epoch of the last interactive sign-in (for step-up checks). */
    authTime?: number;
    provider?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    authTime?: number;
    provider?: string;
  }
}
