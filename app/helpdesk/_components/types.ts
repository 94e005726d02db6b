import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";

/** The help desk's view of the API, inferred from the routers so screens and server never drift. */
type Outputs = inferRouterOutputs<AppRouter>;
export type UserHit = Outputs["staff"]["users"]["search"][number];
export type UserPage = Outputs["staff"]["users"]["get"];
export type UserDevice = NonNullable<UserPage["devices"]>[number];
export type UserAction = NonNullable<UserPage["actions"]>[number];
