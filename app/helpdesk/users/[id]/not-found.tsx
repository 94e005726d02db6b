import { LinkButton } from "../../../_components/ui/button";

/** Unknown and out-of-scope users alike: nothing is said about whether they exist. */
export default function UserNotFound() {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold">User not found</h1>
      <p className="text-gray-700 dark:text-gray-300">This user does not exist, or is outside the users you look after.</p>
      <LinkButton href="/helpdesk">Back to search</LinkButton>
    </div>
  );
}
