/** Who is asking, as far as HTTP tells: recorded with audit events, acceptances and enrollment events. */
export type RequestMeta = { ip: string | null; userAgent: string | null };
