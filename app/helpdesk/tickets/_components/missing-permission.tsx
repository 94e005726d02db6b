import { Alert } from "@/app/_components/ui/alert";
import { PageTitle } from "@/app/_components/ui/card";

/**
 * A staff page the caller's roles do not cover: said plainly (they are staff, so the page is no
 * secret), instead of an error page. The shell already hides the link to it.
 */
export function MissingPermission({ title, permission }: { title: string; permission: string }) {
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <Alert tone="warning" title="Not available with your roles">
        This page needs the <code>{permission}</code> permission. Ask an administrator if you need it.
      </Alert>
    </>
  );
}
