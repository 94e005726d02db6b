import type { Db } from "@/db/types";
import { grantsFor, loadGrants } from "../rbac/grants";

/**
 * Whether the audit log page offers "Check the chain": the same rule as verifyAuditTrail (an
 * audit.read grant over all users), asked up front so a scoped auditor is not shown a button
 * that can only be refused.
 */
export async function mayVerifyAuditChain(db: Db, userId: string): Promise<boolean> {
  return grantsFor(await loadGrants(db, userId), "audit.read").some((grant) => grant.allUsers);
}
