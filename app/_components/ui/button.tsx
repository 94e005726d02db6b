import Link from "next/link";

const base =
  "inline-flex min-h-11 items-center justify-center gap-2 rounded-md px-4 text-base font-medium motion-safe:transition-colors disabled:cursor-not-allowed disabled:opacity-60";
const variants = {
  primary: "bg-brand text-brand-contrast hover:bg-brand-strong",
  secondary: "border border-gray-400 bg-white text-gray-900 hover:bg-gray-100 dark:border-gray-500 dark:bg-gray-800 dark:text-gray-100 dark:hover:bg-gray-700",
  danger: "bg-red-700 text-white hover:bg-red-800",
  ghost: "text-gray-900 underline-offset-4 hover:underline dark:text-gray-100",
};
export type ButtonVariant = keyof typeof variants;

export function buttonClass(variant: ButtonVariant = "primary", extra = ""): string {
  return `${base} ${variants[variant]} ${extra}`;
}

export function Button({ variant = "primary", className = "", ...props }: React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
  return <button type="button" {...props} className={buttonClass(variant, className)} />;
}

export function LinkButton({ variant = "primary", className = "", ...props }: React.ComponentProps<typeof Link> & { variant?: ButtonVariant }) {
  return <Link {...props} className={buttonClass(variant, className)} />;
}
