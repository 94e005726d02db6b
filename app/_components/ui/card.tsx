export function Card({ children, className = "", ...props }: React.HTMLAttributes<HTMLElement> & { as?: "section" | "div" | "li" }) {
  return (
    <section {...props} className={`rounded-lg border border-gray-200 bg-white p-4 dark:border-gray-700 dark:bg-gray-900 ${className}`}>
      {children}
    </section>
  );
}

export function PageTitle({ children, description }: { children: React.ReactNode; description?: React.ReactNode }) {
  return (
    <div className="mb-4">
      <h1 className="text-2xl font-semibold">{children}</h1>
      {description && <p className="mt-1 text-gray-700 dark:text-gray-300">{description}</p>}
    </div>
  );
}
