"use client";

import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { Fragment, useRef, useState, type ReactNode } from "react";
import { buttonClass } from "@/app/_components/ui/button";
import { DeleteButton } from "./delete-button";

export const th = "px-2 py-2 text-left text-sm font-semibold";
export const td = "px-2 py-2 align-top";

/**
 * The roles and the assignments sections edit the same way, so they share it here: one form at
 * a time below the table, its outcome announced once the tables show it, and focus back on the
 * button that opened it (or the heading, when that button has gone).
 */
export function useEditor<T>(queryKeys: readonly QueryKey[]) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<T | "new" | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const refresh = () => Promise.all(queryKeys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
  const open = (target: T | "new", event: React.MouseEvent<HTMLElement>) => {
    opener.current = event.currentTarget;
    setMessage(null);
    setEditing(target);
  };
  async function close(done: string | null) {
    setEditing(null);
    // Announced once the tables show the change, so what is read out matches what is on screen.
    if (done) {
      await refresh();
      setMessage(done);
    }
    requestAnimationFrame(() => (opener.current?.isConnected ? opener.current : heading.current)?.focus());
  }
  async function deleted(done: string) {
    await refresh();
    setMessage(done);
    heading.current?.focus();
  }
  return { editing, message, heading, open, close: (done: string | null) => void close(done), deleted };
}

export type Editor<T> = ReturnType<typeof useEditor<T>>;

type Column = { label: string; className?: string };

/**
 * A section's heading, "New …" button, status line and table; the open form goes below the table.
 * The heading's id and the button's label come from the title ("Roles") and what is edited ("role").
 */
export function EditorSection<T extends { id: string }>(props: {
  title: string;
  what: string;
  caption: string;
  columns: Column[];
  actionsClassName?: string;
  canManage: boolean;
  editor: Editor<T>;
  form: (target: T | null) => ReactNode;
  children: ReactNode;
}) {
  const { editor, canManage } = props;
  const id = `${props.title.toLowerCase()}-title`;
  const columns = [...props.columns, ...(canManage ? [{ label: "Actions", className: props.actionsClassName }] : [])];
  return (
    <section aria-labelledby={id} className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id={id} ref={editor.heading} tabIndex={-1} className="text-xl font-semibold">
          {props.title}
        </h2>
        {canManage && (
          <button type="button" className={buttonClass("primary")} onClick={(event) => editor.open("new", event)} disabled={editor.editing !== null}>
            {`New ${props.what}`}
          </button>
        )}
      </div>
      <p role="status" className="text-sm text-gray-700 dark:text-gray-300">
        {editor.message}
      </p>
      <div className="overflow-x-auto rounded-lg border border-gray-200 dark:border-gray-700">
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">{props.caption}</caption>
          <thead className="border-b border-gray-200 bg-gray-50 dark:border-gray-700 dark:bg-gray-950">
            <tr>
              {columns.map(({ label, className }) => (
                <th key={label} scope="col" className={className ? `${th} ${className}` : th}>
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{props.children}</tbody>
        </table>
      </div>
      {editor.editing && <Fragment key={editor.editing === "new" ? "new" : editor.editing.id}>{props.form(editor.editing === "new" ? null : editor.editing)}</Fragment>}
    </section>
  );
}

/** A table row headed by the item's name in bold, with whatever else describes it beneath. */
export function EditorRow({ name, details, children }: { name: string; details?: ReactNode; children: ReactNode }) {
  return (
    <tr className="border-b border-gray-100 last:border-0 dark:border-gray-800">
      <th scope="row" className={`${td} text-left font-normal`}>
        <span className="font-semibold">{name}</span>
        {details}
      </th>
      {children}
    </tr>
  );
}

/** Edit and Delete for one row; a deletion is announced and focus goes to the section heading. */
export function RowActions<T>({ editor, target, what, name, remove, removed }: { editor: Editor<T>; target: T; what: string; name: string; remove: () => Promise<unknown>; removed: string }) {
  return (
    <div className="flex flex-wrap items-start gap-2">
      <button type="button" className={buttonClass("secondary")} onClick={(event) => editor.open(target, event)} disabled={editor.editing !== null}>
        Edit<span className="sr-only"> {name}</span>
      </button>
      <DeleteButton
        what={what}
        name={name}
        onDelete={async () => {
          await remove();
          await editor.deleted(removed);
        }}
      />
    </div>
  );
}
