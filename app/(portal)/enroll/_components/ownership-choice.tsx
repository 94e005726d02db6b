import Form from "next/form";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";

const options = [
  {
    value: "personal",
    title: "Personal",
    text: "You bought it yourself. Your organization manages only work apps and data on it, and cannot erase your personal things.",
  },
  {
    value: "corporate",
    title: "Corporate",
    text: "Your organization gave it to you. It is managed fully and can be erased if it is lost.",
  },
] as const;

/**
 * Step 1, a plain GET form: the choice goes into the URL (so Back and reload keep it) and it
 * works before the page's JavaScript has loaded, which matters on a slow phone connection.
 */
export function OwnershipChoice({ selected, error }: { selected: string | null; error: string | null }) {
  return (
    <Form action="/enroll" className="space-y-4">
      <input type="hidden" name="step" value="privacy" />
      <fieldset aria-describedby={error ? "ownership-error" : undefined}>
        <legend className="text-lg font-semibold">Whose device is it?</legend>
        {error && (
          <div id="ownership-error" className="mt-2">
            <Alert tone="error">{error}</Alert>
          </div>
        )}
        <div className="mt-3 space-y-3">
          {options.map((option) => (
            <label
              key={option.value}
              className="flex min-h-11 cursor-pointer gap-3 rounded-lg border-2 border-gray-300 bg-white p-4 has-checked:border-brand has-checked:bg-blue-50 dark:border-gray-600 dark:bg-gray-900 dark:has-checked:bg-gray-800"
            >
              <input
                type="radio"
                name="ownership"
                value={option.value}
                required
                defaultChecked={selected === option.value}
                aria-describedby={`ownership-${option.value}-text`}
                className="mt-0.5 size-6 shrink-0 accent-brand"
              />
              <span>
                <span className="block font-semibold">{option.title}</span>
                <span id={`ownership-${option.value}-text`} className="mt-0.5 block text-gray-700 dark:text-gray-300">
                  {option.text}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <Button type="submit" className="w-full sm:w-auto">
        Continue
      </Button>
    </Form>
  );
}
