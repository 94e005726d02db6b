/**
 * The audit log's filters in the URL: ids for actor and subject, an action prefix and whole days
 * (YYYY-MM-DD, read in UTC). The same filters go to staff.audit.list and, as query parameters,
 * to the CSV download, so both always show the same events.
 */
export type AuditParams = { actorId: string; subjectUserId: string; action: string; from: string; to: string };

type Raw = Record<string, string | string[] | undefined>;
const one = (raw: Raw, key: string) => {
  const value = raw[key];
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
};
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function parseAuditParams(raw: Raw): AuditParams {
  return { actorId: one(raw, "actorId"), subjectUserId: one(raw, "subjectUserId"), action: one(raw, "action").slice(0, 100), from: one(raw, "from"), to: one(raw, "to") };
}

/** What the server is asked: the end date runs to the last millisecond of that day. */
export function auditQuery(params: AuditParams): Record<string, string> {
  const query: Record<string, string> = {};
  if (params.actorId) query.actorId = params.actorId;
  if (params.subjectUserId) query.subjectUserId = params.subjectUserId;
  if (params.action) query.action = params.action;
  // A malformed day is passed as it is, so the server refuses it with its own sentence.
  if (params.from) query.from = DAY.test(params.from) ? `${params.from}T00:00:00.000Z` : params.from;
  if (params.to) query.to = DAY.test(params.to) ? `${params.to}T23:59:59.999Z` : params.to;
  return query;
}

export function auditHref(params: AuditParams, change: Partial<AuditParams> = {}): string {
  const merged = { ...params, ...change };
  const search = new URLSearchParams(Object.entries(merged).filter(([, value]) => value !== ""));
  const query = search.toString();
  return query ? `/helpdesk/audit?${query}` : "/helpdesk/audit";
}

export const csvHref = (params: AuditParams) => `/api/staff/audit.csv?${new URLSearchParams(auditQuery(params)).toString()}`;

export const hasFilters = (params: AuditParams) => Object.values(params).some((value) => value !== "");
