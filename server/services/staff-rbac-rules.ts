import { AppError } from "../errors";
import { grantsFor, permissionsOf, type Grant } from "../rbac/grants";
import type { Permission } from "../rbac/permissions";

/**
 * "A staff member cannot grant permissions they do not hold" (issue 5), made precise: what is
 * granted is a permission over a scope, so both must be within the caller's own.
 *
 * - Every permission of the role must be one the caller holds (any of their assignments).
 * - For an assignment, each part of its scope (all users, or each scope group) must be reached,
 *   for each of the role's permissions and for roles.manage itself, by one of the caller's grants
 *   carrying that permission: all users only from an all-users grant, a group from an all-users
 *   grant or one listing that group. Scope tags narrow: if that grant has tags, the assignment
 *   must have tags and all of them must be among the grant's.
 *
 * So a Role Administrator over EMEA cannot hand out Help Desk at all (they hold no device
 * permissions), nor anything over all users; and nobody can raise their own scope by adding
 * themselves to a wider assignment, since editing an assignment needs the same rights over both
 * its old and its new state.
 */

export type AssignmentScope = { allUsers: boolean; scopeGroupIds: string[]; scopeTagIds: string[] };

type Part = { kind: "all" } | { kind: "group"; id: string };

const reachesUsers = (grant: Grant, part: Part) => grant.allUsers || (part.kind === "group" && grant.scopeGroupIds.includes(part.id));
const reachesDevices = (grant: Grant, tagIds: string[]) =>
  grant.scopeTagIds.length === 0 || (tagIds.length > 0 && tagIds.every((tag) => grant.scopeTagIds.includes(tag)));

/** FORBIDDEN naming the first permission the caller does not hold. */
export function assertHoldsAll(allGrants: Grant[], wanted: readonly Permission[]): void {
  const held = permissionsOf(allGrants);
  const missing = wanted.filter((permission) => !held.has(permission));
  if (missing.length > 0) {
    throw new AppError(
      "FORBIDDEN",
      `You cannot grant "${missing[0]}": you do not hold it yourself.${missing.length > 1 ? ` (Also missing: ${missing.slice(1).join(", ")}.)` : ""}`,
      { permissions: missing },
    );
  }
}

/**
 * FORBIDDEN unless the caller's own grants reach the whole scope for each permission (plus
 * roles.manage). groupNames only makes the message readable.
 */
export function assertCoversScope(
  allGrants: Grant[],
  wanted: readonly Permission[],
  scope: AssignmentScope,
  groupNames: ReadonlyMap<string, string> = new Map(),
): void {
  assertHoldsAll(allGrants, wanted);
  const parts: Part[] = scope.allUsers ? [{ kind: "all" }] : scope.scopeGroupIds.map((id) => ({ kind: "group", id }));
  for (const permission of new Set<Permission>([...wanted, "roles.manage"])) {
    const grants = grantsFor(allGrants, permission);
    for (const part of parts) {
      const users = grants.filter((grant) => reachesUsers(grant, part));
      if (users.some((grant) => reachesDevices(grant, scope.scopeTagIds))) continue;
      const where = part.kind === "all" ? "all users" : `the group "${groupNames.get(part.id) ?? part.id}"`;
      const why = users.length > 0 ? `your "${permission}" is limited to devices with certain scope tags` : `your own "${permission}" does not reach ${where}`;
      throw new AppError("FORBIDDEN", `You cannot grant "${permission}" over ${where}: ${why}.`, {
        permission,
        scope: part.kind === "all" ? "all_users" : part.id,
      });
    }
  }
}
