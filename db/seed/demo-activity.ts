/**
 * What people have done so far: the acceptable-use terms and who accepted them, help desk
 * tickets with their conversations, and a few in-app notifications.
 */
import { notifications, terms, termsAcceptances, termsVersions, ticketEvents, tickets } from "@/db/schema";
import { recordAudit } from "@/server/audit/record";
import { DAY, emailFor, employees, HOUR, SYSTEM, termsBody, userAgents } from "./demo-data";
import type { SeedContext } from "./demo";
import type { Fleet } from "./demo-fleet";

const at = (email: string) => `${email}@ward.example`;

export async function seedActivity(ctx: SeedContext, fleet: Fleet): Promise<void> {
  await seedTerms(ctx);
  const ticketIds = await seedTickets(ctx, fleet);
  await seedNotifications(ctx, fleet, ticketIds);
}

async function seedTerms(ctx: SeedContext) {
  const { tx, ago, random } = ctx;
  const publishedAt = ago(30 * DAY);
  const [doc] = await tx.insert(terms).values({ name: "Acceptable use", allUsers: true, createdAt: ago(31 * DAY) }).returning();
  const [version] = await tx
    .insert(termsVersions)
    .values({
      termsId: doc!.id,
      version: 1,
      title: "Acceptable use of enrolled devices",
      summary: "What Ward can and cannot see on your devices, and what we ask of you in return.",
      body: termsBody,
      publishedAt,
      requiresReacceptance: true,
      createdById: ctx.userId("admin@ward.example"),
      createdAt: ago(31 * DAY),
    })
    .returning();
  // Everyone but the employees marked pendingTerms (Maria among them, so her portal asks her to accept).
  const pending = new Set(employees.filter((employee) => employee.pendingTerms).map((employee) => emailFor(employee.name)));
  const accepted = [...ctx.userIds].filter(([email]) => !pending.has(email));
  await tx.insert(termsAcceptances).values(
    accepted.map(([, userId], i) => ({
      userId,
      termsVersionId: version!.id,
      acceptedAt: ago(random() * 29 * DAY),
      ip: `10.0.0.${10 + i}`,
      userAgent: userAgents[i % userAgents.length],
    })),
  );
  await recordAudit(tx, { actor: SYSTEM, action: "demo.seeded", details: { kind: "terms", versions: 1, acceptances: accepted.length, pending: pending.size } });
}

type EventSpec = {
  by: string;
  kind: "comment" | "internal_note" | "status_change" | "assignment";
  agoMs: number;
  body?: string;
  data?: Record<string, unknown>;
  /** For assignment events: the new assignee, stored by id like the service writes it. */
  assignTo?: string;
};
type TicketSpec = {
  key: string;
  requester: string;
  device: [string, "ios" | "android" | "windows"];
  subject: string;
  status: "open" | "in_progress" | "waiting_on_user" | "resolved";
  priority: "low" | "normal" | "high";
  assignee?: string;
  agoMs: number;
  events: EventSpec[];
};

const ticketSpecs: TicketSpec[] = [
  {
    key: "sam-email",
    requester: "sam.taylor",
    device: ["sam.taylor", "ios"],
    subject: "Can't get email on my new phone",
    status: "open",
    priority: "normal",
    agoMs: 20 * HOUR,
    events: [{ by: "sam.taylor", kind: "comment", agoMs: 20 * HOUR, body: "I enrolled my new iPhone a few days ago but Outlook keeps asking for my password and never syncs. My laptop is fine." }],
  },
  {
    key: "amara-lost",
    requester: "amara.okafor",
    device: ["amara.okafor", "ios"],
    subject: "Lost my phone on the train",
    status: "in_progress",
    priority: "high",
    assignee: "helpdesk.emea",
    agoMs: 22 * HOUR,
    events: [
      { by: "amara.okafor", kind: "comment", agoMs: 22 * HOUR, body: "I think I left my iPhone on the 8:10 to Paddington. It has my work e-mail on it." },
      { by: "helpdesk.emea", kind: "assignment", agoMs: 21 * HOUR, assignTo: "helpdesk.emea" },
      { by: "helpdesk.emea", kind: "status_change", agoMs: 21 * HOUR, data: { from: "open", to: "in_progress" } },
      { by: "helpdesk.emea", kind: "comment", agoMs: 20 * HOUR, body: "I've put your iPhone in lost mode; it shows our phone number on the lock screen. Let us know if the rail company finds it." },
      { by: "helpdesk.emea", kind: "internal_note", agoMs: 20 * HOUR, body: "Lost mode confirmed by the device. If it is not found by Friday, retire it and order a replacement." },
    ],
  },
  {
    key: "maria-compliance",
    requester: "maria.lopez",
    device: ["maria.lopez", "android"],
    subject: "Pixel says it's not compliant",
    status: "resolved",
    priority: "normal",
    assignee: "helpdesk.americas",
    agoMs: 4 * DAY,
    events: [
      { by: "maria.lopez", kind: "comment", agoMs: 4 * DAY, body: "My Pixel shows a red 'not compliant' banner since the update, but I have a passcode." },
      { by: "helpdesk.americas", kind: "status_change", agoMs: 3 * DAY + 2 * HOUR, data: { from: "open", to: "in_progress" } },
      { by: "helpdesk.americas", kind: "comment", agoMs: 3 * DAY, body: "The device had not checked in since the update. I sent a sync and it now reports compliant. Closing this; reply if the banner comes back." },
      { by: "helpdesk.americas", kind: "status_change", agoMs: 3 * DAY, data: { from: "in_progress", to: "resolved" } },
    ],
  },
  {
    key: "ethan-bitlocker",
    requester: "ethan.brooks",
    device: ["ethan.brooks", "windows"],
    subject: "Laptop keeps asking me to turn on BitLocker",
    status: "waiting_on_user",
    priority: "low",
    assignee: "helpdesk.americas",
    agoMs: 26 * HOUR,
    events: [
      { by: "ethan.brooks", kind: "comment", agoMs: 26 * HOUR, body: "Windows says my device needs encryption but the BitLocker button is greyed out." },
      { by: "helpdesk.americas", kind: "comment", agoMs: 24 * HOUR, body: "Could you restart once and try again from Settings > Privacy & security > Device encryption? Tell me what it shows." },
      { by: "helpdesk.americas", kind: "status_change", agoMs: 24 * HOUR, data: { from: "open", to: "waiting_on_user" } },
    ],
  },
];

async function seedTickets(ctx: SeedContext, fleet: Fleet): Promise<Map<string, string>> {
  const { tx, ago } = ctx;
  const ids = new Map<string, string>();
  for (const spec of ticketSpecs) {
    const lastEvent = Math.min(...spec.events.map((event) => event.agoMs));
    const [ticket] = await tx
      .insert(tickets)
      .values({
        requesterId: ctx.userId(at(spec.requester)),
        deviceId: fleet.device(at(spec.device[0]), spec.device[1]).id,
        subject: spec.subject,
        status: spec.status,
        priority: spec.priority,
        source: "portal",
        assigneeId: spec.assignee ? ctx.userId(at(spec.assignee)) : null,
        dueAt: spec.status === "resolved" ? null : ago(spec.agoMs - 2 * DAY),
        createdAt: ago(spec.agoMs),
        updatedAt: ago(lastEvent),
        resolvedAt: spec.status === "resolved" ? ago(lastEvent) : null,
      })
      .returning({ id: tickets.id });
    ids.set(spec.key, ticket!.id);
    await tx.insert(ticketEvents).values(
      spec.events.map((event) => ({
        ticketId: ticket!.id,
        authorId: ctx.userId(at(event.by)),
        kind: event.kind,
        body: event.body ?? null,
        data: event.assignTo ? { from: null, to: ctx.userId(at(event.assignTo)) } : (event.data ?? {}),
        createdAt: ago(event.agoMs),
      })),
    );
  }
  const events = ticketSpecs.reduce((sum, spec) => sum + spec.events.length, 0);
  await recordAudit(tx, { actor: SYSTEM, action: "demo.seeded", details: { kind: "tickets", tickets: ticketSpecs.length, events } });
  return ids;
}

async function seedNotifications(ctx: SeedContext, fleet: Fleet, ticketIds: Map<string, string>) {
  const { tx, ago } = ctx;
  const mariaMac = fleet.device(at("maria.lopez"), "macos");
  const oliverPhone = fleet.device(at("oliver.bennett"), "ios");
  const samPhone = fleet.device(at("sam.taylor"), "ios");
  const deadline = (date: Date | null | undefined) => (date ? date.toISOString().slice(0, 10) : "soon");
  const rows: (typeof notifications.$inferInsert)[] = [
    {
      userId: mariaMac.ownerId,
      kind: "device_noncompliant",
      title: `${mariaMac.displayName} needs attention`,
      body: `FileVault encryption is off. Turn it on before ${deadline(mariaMac.graceDeadline)} to keep access to company e-mail.`,
      link: `/devices/${mariaMac.id}`,
      data: { deviceId: mariaMac.id, graceDeadline: mariaMac.graceDeadline?.toISOString() ?? null },
      createdAt: ago(DAY),
    },
    {
      userId: oliverPhone.ownerId,
      kind: "device_noncompliant",
      title: `${oliverPhone.displayName} needs an update`,
      body: `iOS ${oliverPhone.osVersion} is older than the required 17.0. Update before ${deadline(oliverPhone.graceDeadline)}.`,
      link: `/devices/${oliverPhone.id}`,
      data: { deviceId: oliverPhone.id, graceDeadline: oliverPhone.graceDeadline?.toISOString() ?? null },
      createdAt: ago(DAY),
    },
    {
      userId: samPhone.ownerId,
      kind: "command_finished",
      title: "Sync finished",
      body: `${samPhone.displayName} checked in and is up to date.`,
      link: `/devices/${samPhone.id}`,
      data: { deviceId: samPhone.id, kind: "sync" },
      readAt: ago(2 * DAY - HOUR),
      createdAt: ago(2 * DAY),
    },
    {
      userId: ctx.userId(at("maria.lopez")),
      kind: "ticket_reply",
      title: "Diego Ramos replied to your ticket",
      body: "The device had not checked in since the update. I sent a sync and it now reports compliant.",
      link: `/help/${ticketIds.get("maria-compliance")}`,
      data: { ticketId: ticketIds.get("maria-compliance") },
      createdAt: ago(3 * DAY),
    },
  ];
  await tx.insert(notifications).values(rows);
  await recordAudit(tx, { actor: SYSTEM, action: "demo.seeded", details: { kind: "notifications", notifications: rows.length } });
}
