import { TRPCError } from "@trpc/server";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "@/db/schema";
import { recordAudit, type AuditInput } from "@/server/audit/record";
import { grantsFor, loadGrants } from "@/server/rbac/grants";
import { auditCsvResponse, auditCsvStream } from "@/server/services/staff-audit-csv";
import { createContext } from "@/server/trpc/context";
import { createCaller } from "@/server/trpc/root";
import { addToGroup, assignRole, makeGroup, makeUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

const database = useTestDatabase();

const callerFor = (userId: string) => createCaller(createContext({ db: database.db, session: { userId, authTime: Math.floor(Date.now() / 1000) } }));

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
  return "OK";
}

const record = (input: AuditInput) => database.db.transaction((tx) => recordAudit(tx, input));

/** RFC 4180, enough to read back what csv-stringify wrote: quoted fields may hold , " and newlines. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(field), (field = "");
    else if (c === "\n") row.push(field), rows.push(row), (row = []), (field = "");
    else field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

const HEADER = ["seq", "at", "actor kind", "actor id", "actor label", "action", "target type", "target id", "subject user id", "ip", "details", "hash"];

describe("staff audit log", () => {
  let inScope: { id: string };
  let outOfScope: { id: string };
  let staffActor: { id: string };
  let auditor: { id: string };
  let scopedAuditor: { id: string };
  const tricky = 'a, "quoted" value\nwith a newline';
  // JSON keeps a newline as "\n" in details; a label holds a real one.
  const trickyLabel = 'Help, "desk"\nteam';

  beforeAll(async () => {
    const db = database.db;
    const emea = await makeGroup(db);
    inScope = await makeUser(db);
    outOfScope = await makeUser(db);
    await addToGroup(db, inScope.id, emea.id);
    staffActor = await makeUser(db);
    auditor = await makeUser(db);
    await assignRole(db, auditor.id, "read_only_operator", { allUsers: true });
    scopedAuditor = await makeUser(db);
    await assignRole(db, scopedAuditor.id, "read_only_operator", { groupIds: [emea.id] });

    await record({ actor: { kind: "user", id: inScope.id }, action: "ticket.created", subjectUserId: inScope.id, target: { type: "ticket", id: "t1" } });
    await record({ actor: { kind: "staff", id: staffActor.id, label: trickyLabel }, action: "ticket.replied", subjectUserId: inScope.id, details: { note: tricky } });
    await record({ actor: { kind: "staff", id: staffActor.id, label: "help@x" }, action: "device.lock_requested", subjectUserId: outOfScope.id, ip: "192.0.2.1" });
    await record({ actor: { kind: "system", label: "=HYPERLINK(\"evil\")" }, action: "settings.updated" });
    await record({ actor: { kind: "user", id: inScope.id }, action: "ticket_x.odd", subjectUserId: inScope.id });
  });

  it("lists newest first and filters by actor, subject, action prefix and date", async () => {
    const list = callerFor(auditor.id).staff.audit.list;
    const actions = async (input: Parameters<typeof list>[0]) => (await list(input)).items.map((e) => e.action);
    const all = await list({ limit: 200 });
    expect(all.items.map((e) => e.seq)).toEqual([...all.items.map((e) => e.seq)].sort((a, b) => b - a));
    expect(await actions({ actorId: staffActor.id })).toEqual(["device.lock_requested", "ticket.replied"]);
    expect(await actions({ subjectUserId: inScope.id })).toEqual(["ticket_x.odd", "ticket.replied", "ticket.created"]);
    expect(await actions({ subjectUserId: inScope.id, action: "ticket." })).toEqual(["ticket.replied", "ticket.created"]);
    // "_" is a literal in the prefix, not a LIKE wildcard.
    expect(await actions({ action: "ticket_" })).toEqual(["ticket_x.odd"]);
    const replied = all.items.find((e) => e.action === "ticket.replied")!;
    expect(replied).toMatchObject({ actorKind: "staff", actorLabel: trickyLabel, subjectUserId: inScope.id, details: { note: tricky } });
    expect(await actions({ from: replied.at, to: replied.at })).toEqual(["ticket.replied"]);
    expect(await actions({ from: new Date(Date.now() + 60_000) })).toEqual([]);
    expect(await codeOf(list({ from: new Date(), to: new Date(Date.now() - 1000) }))).toBe("BAD_REQUEST");
    expect(await codeOf(list({ limit: 201 }))).toBe("BAD_REQUEST");

    // Keyset pages by seq cover everything exactly once.
    const seen: number[] = [];
    let cursor: number | undefined;
    do {
      const page = await list({ limit: 2, cursor });
      seen.push(...page.items.map((e) => e.seq));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.items.map((e) => e.seq));
  });

  it("leaves out events about users outside the caller's scope, and events about no one", async () => {
    const items = (await callerFor(scopedAuditor.id).staff.audit.list({ limit: 200 })).items;
    expect(items.map((e) => e.action).sort()).toEqual(["ticket.created", "ticket.replied", "ticket_x.odd"]);
    expect(items.every((e) => e.subjectUserId === inScope.id)).toBe(true);
    expect((await callerFor(scopedAuditor.id).staff.audit.list({ subjectUserId: outOfScope.id })).items).toEqual([]);
    const employee = await makeUser(database.db);
    expect(await codeOf(callerFor(employee.id).staff.audit.list({}))).toBe("FORBIDDEN");
  });

  it("exports CSV with the same filters and scope, escaping commas, quotes and newlines", async () => {
    const response = await auditCsvResponse(database.db, { userId: auditor.id }, new URLSearchParams({ subjectUserId: inScope.id, action: "ticket.", from: "" }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="ward-audit-.*\.csv"$/);
    const text = await response.text();
    expect(text.startsWith(`${HEADER.join(",")}\n`)).toBe(true);
    expect(text).toContain(`,"Help, ""desk""\nteam",`);
    expect(text).toContain(`"{""note"":""a, \\""quoted\\"" value\\nwith a newline""}"`);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(HEADER);
    expect(rows.slice(1).map((r) => r[5])).toEqual(["ticket.replied", "ticket.created"]);
    const replied = rows[1]!;
    expect(replied).toHaveLength(HEADER.length);
    expect(JSON.parse(replied[10]!)).toEqual({ note: tricky });
    expect(replied[2]).toBe("staff");
    expect(replied[4]).toBe(trickyLabel);
    expect(new Date(replied[1]!).toISOString()).toBe(replied[1]);

    // Scoped export: out-of-scope subjects and subject-less events are absent.
    const scoped = parseCsv(await (await auditCsvResponse(database.db, { userId: scopedAuditor.id }, new URLSearchParams())).text());
    expect(scoped.slice(1).every((r) => r[8] === inScope.id)).toBe(true);
    expect(scoped.length).toBe(4);

    // A label that looks like a formula is defused for spreadsheets.
    const all = parseCsv(await (await auditCsvResponse(database.db, { userId: auditor.id }, new URLSearchParams({ action: "settings." }))).text());
    expect(all[1]![4]!.startsWith("'=")).toBe(true);
  });

  it("streams page by page with a single header", async () => {
    const grants = grantsFor(await loadGrants(database.db, auditor.id), "audit.read");
    const text = await new Response(auditCsvStream(database.db, grants, {}, 2)).text();
    const rows = parseCsv(text);
    expect(rows.filter((r) => r[0] === "seq")).toHaveLength(1);
    expect(rows.length - 1).toBe(await database.db.$count(auditEvents));
  });

  it("answers 401, 403 and 400 as JSON errors", async () => {
    const employee = await makeUser(database.db);
    const cases: { session: { userId: string } | null; params: Record<string, string>; status: number }[] = [
      { session: null, params: {}, status: 401 },
      { session: { userId: employee.id }, params: {}, status: 403 },
      { session: { userId: auditor.id }, params: { from: "yesterday-ish" }, status: 400 },
      { session: { userId: auditor.id }, params: { actorId: "nope" }, status: 400 },
    ];
    for (const { session, params, status } of cases) {
      const response = await auditCsvResponse(database.db, session, new URLSearchParams(params));
      expect(response.status).toBe(status);
      expect(await response.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    }
  });

  it("verifies the chain (all-users auditors only) and names the tampered row", async () => {
    expect(await codeOf(callerFor(scopedAuditor.id).staff.audit.verify())).toBe("FORBIDDEN");
    expect(await callerFor(auditor.id).staff.audit.verify()).toMatchObject({ intact: true });
    const [victim] = await database.db.select({ seq: auditEvents.seq }).from(auditEvents).where(eq(auditEvents.action, "ticket.replied"));
    await database.db.update(auditEvents).set({ details: sql`jsonb_set(details, '{note}', '"nothing to see"')` }).where(eq(auditEvents.seq, victim!.seq));
    expect(await callerFor(auditor.id).staff.audit.verify()).toMatchObject({ intact: false, brokenAtSeq: victim!.seq, reason: "hash_mismatch" });
  });
});
