import type { Actor } from "../audit/record";
import type { RequestMeta } from "../http/request-meta";
import type { Grant } from "../rbac/grants";

/**
 * A staff member calling a help desk service: who (for the audit trail), the grants carrying the
 * procedure's permission (its scope) and all their grants (for cross-permission rules such as
 * "you cannot grant what you do not hold"). Built from the tRPC context by staffCallerOf.
 */
export type StaffCaller = {
  userId: string;
  /** Kept on the audit event: the trail has no foreign keys and outlives the staff account. */
  label: string;
  grants: Grant[];
  allGrants: Grant[];
  meta: RequestMeta;
};

export function staffCallerOf(ctx: {
  user: { id: string; email: string };
  staff: { grants: Grant[]; allGrants: Grant[] };
  ip: string | null;
  userAgent: string | null;
}): StaffCaller {
  return {
    userId: ctx.user.id,
    label: ctx.user.email,
    grants: ctx.staff.grants,
    allGrants: ctx.staff.allGrants,
    meta: { ip: ctx.ip, userAgent: ctx.userAgent },
  };
}

export const staffActor = (caller: StaffCaller): Actor => ({ kind: "staff", id: caller.userId, label: caller.label });
