import type { Support } from "@/server/services/settings";
import { Card } from "../../../_components/ui/card";

const link = "inline-flex min-h-11 items-center break-all font-medium underline underline-offset-4";

/** Dialable form of a displayed number: "+1 555 0100" -> "+15550100". */
const telHref = (phone: string) => `tel:${phone.replace(/(?!^\+)[^\d]/g, "")}`;

/** The organization's help desk contact (settings, F9), each reachable with one tap. */
export function ContactCard({ support }: { support: Support }) {
  const none = !support.email && !support.phone && !support.url && !support.hours;
  return (
    <Card aria-labelledby="contact-it">
      <h2 id="contact-it" className="text-lg font-semibold">
        Contact IT
      </h2>
      {none ? (
        <p className="mt-2 text-gray-700 dark:text-gray-300">Your organization has not published contact details. Open a request below and IT support will answer here.</p>
      ) : (
        <dl className="mt-2 grid grid-cols-[auto_1fr] items-center gap-x-4">
          {support.email && (
            <>
              <dt className="text-gray-700 dark:text-gray-300">Email</dt>
              <dd>
                <a href={`mailto:${support.email}`} className={link}>
                  {support.email}
                </a>
              </dd>
            </>
          )}
          {support.phone && (
            <>
              <dt className="text-gray-700 dark:text-gray-300">Phone</dt>
              <dd>
                <a href={telHref(support.phone)} className={link}>
                  {support.phone}
                </a>
              </dd>
            </>
          )}
          {support.hours && (
            <>
              <dt className="py-2 text-gray-700 dark:text-gray-300">Hours</dt>
              <dd className="py-2">{support.hours}</dd>
            </>
          )}
          {support.url && (
            <>
              <dt className="text-gray-700 dark:text-gray-300">Website</dt>
              <dd>
                <a href={support.url} className={link} rel="noopener noreferrer" target="_blank">
                  {support.url.replace(/^https?:\/\//, "")}
                  <span className="sr-only"> (opens in a new tab)</span>
                </a>
              </dd>
            </>
          )}
        </dl>
      )}
    </Card>
  );
}
