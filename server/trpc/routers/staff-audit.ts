import { z } from "zod";
import { AUDIT_PAGE_MAX, auditFiltersSchema, auditPage, verifyAuditTrail } from "../../services/staff-audit";
import { router } from "../init";
import { staffProcedure } from "../procedures";

const listInput = z.intersection(
  auditFiltersSchema,
  z.object({
    // The seq of the last event of the previous page (newest first).
    cursor: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(AUDIT_PAGE_MAX).default(50),
  }),
);

/** Help desk: the audit log (F18). Scope: the event's subject user. CSV: app/api/staff/audit.csv. */
export const staffAuditRouter = router({
  list: staffProcedure("audit.read")
    .input(listInput)
    .query(({ ctx, input }) => {
      const { cursor, limit, ...filters } = input;
      return auditPage(ctx.db, ctx.staff.grants, filters, { before: cursor, limit });
    }),
  /** "Chain intact": recomputes the hash chain; all-users audit.read only. */
  verify: staffProcedure("audit.read").query(({ ctx }) => verifyAuditTrail(ctx.db, ctx.staff.grants)),
});
