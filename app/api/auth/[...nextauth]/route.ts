import NextAuth from "next-auth";
import { authOptions } from "@/server/auth/options";

// Options are built at request time, not at import, so `next build` needs no secrets or database.
function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(request as never, context as never, authOptions());
}

export { handler as GET, handler as POST };
