import type { Metadata } from "next";
import { PageTitle } from "@/app/_components/ui/card";
import { serverApi } from "@/server/trpc/server-caller";
import { MissingPermission } from "../../helpdesk/tickets/_components/missing-permission";
import { AssignmentsSection } from "./_components/assignments-section";
import { RolesSection } from "./_components/roles-section";

export const metadata: Metadata = { title: "Roles and assignments" };

/**
 * RBAC admin (F19): roles with their permissions, and assignments of them to people over a
 * scope. Read with roles.read; the forms appear only with roles.manage, and every change is
 * checked again (and audited) by the server.
 */
export default async function RolesPage() {
  const api = await serverApi();
  const overview = await api.staff.overview();
  if (!overview.permissions.includes("roles.read")) return <MissingPermission title="Roles and assignments" permission="roles.read" />;
  const [roles, assignments, options] = await Promise.all([api.staff.rbac.roles(), api.staff.rbac.assignments(), api.staff.rbac.assignmentOptions()]);
  const canManage = overview.permissions.includes("roles.manage");
  return (
    <div className="space-y-8">
      <PageTitle description="What each role allows, and who holds it over whom. You can only grant permissions and scopes you hold yourself.">Roles and assignments</PageTitle>
      <RolesSection initial={roles} initialAssignments={assignments} held={overview.permissions} canManage={canManage} />
      <AssignmentsSection initial={assignments} initialRoles={roles} options={options} canManage={canManage} />
    </div>
  );
}
