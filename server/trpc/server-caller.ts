import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { currentSession } from "../auth/session";
import { getDb } from "../db";
import { env } from "../env";
import { clientIp } from "../http/client-ip";
import { createContext } from "./context";
import { createCaller } from "./root";

/** The tRPC caller for server components, built once per request. */
export const serverApi = cache(async () => {
  const requestHeaders = await headers();
  return createCaller(
    createContext({
      db: await getDb(),
      session: await currentSession(),
      ip: clientIp(requestHeaders, env().trustProxy),
      userAgent: requestHeaders.get("user-agent"),
    }),
  );
});
