import type { Branding } from "../services/settings";

export type EmailNotification = {
  kind: string;
  title: string;
  body: string;
  link?: string | null;
  data?: Record<string, unknown>;
};
export type RenderedEmail = { subject: string; text: string; html: string };

/** Everything interpolated into the HTML goes through this: titles and bodies carry user and device names. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

// Only Ward's own paths become links: a stored link is never allowed to point off-site.
function absolute(baseUrl: string, link: string | null | undefined): string | null {
  return link && link.startsWith("/") && !link.startsWith("//") ? `${baseUrl}${link}` : null;
}

function deadlineOf(data: Record<string, unknown> | undefined): string | null {
  const raw = data?.graceDeadline;
  if (typeof raw !== "string") return null;
  const date = new Date(raw);
  if (Number.isNaN(date.getTime())) return null;
  return `${date.toLocaleString("en-GB", { dateStyle: "full", timeStyle: "short", timeZone: "UTC" })} UTC`;
}

/**
 * A branded e-mail for one notification, plain text and HTML with the same content. The body
 * already says the reason (and deadline) for noncompliance; the deadline is repeated on its own
 * line so it cannot be missed, and new enrollments get the "not you?" link.
 */
export function renderNotificationEmail(branding: Pick<Branding, "organizationName" | "themeColor" | "themeText">, baseUrl: string, n: EmailNotification): RenderedEmail {
  const org = branding.organizationName;
  const open = absolute(baseUrl, n.link);
  const deadline = n.kind === "device_noncompliant" ? deadlineOf(n.data) : null;
  const notYou = n.kind === "device_enrolled" ? `${baseUrl}/notifications` : null;
  const manage = `${baseUrl}/notifications`;

  const text = [
    n.title,
    "",
    n.body,
    ...(deadline ? ["", `Deadline: ${deadline}`] : []),
    ...(notYou ? ["", `Not you? Report it: ${notYou}`] : []),
    ...(open ? ["", `Open in ${org}: ${open}`] : []),
    "",
    "--",
    `${org} device portal. Choose which e-mails you get: ${manage}`,
  ].join("\n");

  // Table layout and inline styles: what mail clients render consistently. themeColor/themeText are
  // validated #rrggbb values (settings.ts), so they are safe inside a style attribute.
  const button = (href: string, label: string) =>
    `<p><a href="${escapeHtml(href)}" style="display:inline-block;padding:10px 16px;background:${branding.themeColor};color:${branding.themeText};text-decoration:none;border-radius:6px">${escapeHtml(label)}</a></p>`;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(n.title)}</title></head>
<body style="margin:0;background:#f4f4f4;font-family:Arial,Helvetica,sans-serif;color:#1a1a1a">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:8px">
<tr><td style="background:${branding.themeColor};color:${branding.themeText};padding:16px 24px;font-size:18px;font-weight:bold;border-radius:8px 8px 0 0">${escapeHtml(org)}</td></tr>
<tr><td style="padding:24px">
<h1 style="font-size:20px;margin:0 0 12px">${escapeHtml(n.title)}</h1>
<p style="line-height:1.5">${escapeHtml(n.body)}</p>
${deadline ? `<p style="line-height:1.5"><strong>Deadline:</strong> ${escapeHtml(deadline)}</p>` : ""}
${notYou ? `<p style="line-height:1.5"><strong>Not you?</strong> <a href="${escapeHtml(notYou)}">Report it</a> and we will lock the device.</p>` : ""}
${open ? button(open, `Open in ${org}`) : ""}
</td></tr>
<tr><td style="padding:16px 24px;font-size:12px;color:#555">${escapeHtml(org)} device portal. <a href="${escapeHtml(manage)}">Choose which e-mails you get</a>.</td></tr>
</table></td></tr></table></body></html>`;

  return { subject: `[${org}] ${n.title}`, text, html };
}
