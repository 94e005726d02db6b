import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { currentSession } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { clientIp } from "@/server/http/client-ip";
import { isSameOrigin } from "@/server/http/same-origin";
import { userSignalHub } from "@/server/realtime/hub";
import { createContext } from "@/server/trpc/context";
import { appRouter } from "@/server/trpc/root";

async function handler(request: Request) {
  // CSRF: mutations must come from Ward's own pages (SameSite=Lax cookies are the second layer).
  if (request.method === "POST" && !isSameOrigin(request)) {
    return Response.json({ error: { code: "FORBIDDEN", message: "Cross-site request refused." } }, { status: 403 });
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: async () =>
      createContext({
        db: await getDb(),
        session: await currentSession(),
        ip: clientIp(request.headers, env().trustProxy),
        userAgent: request.headers.get("user-agent")?.slice(0, 512) ?? null,
        userSignals: userSignalHub,
      }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
