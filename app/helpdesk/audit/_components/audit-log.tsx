"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useRef } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { useTRPC } from "@/app/_trpc/client";
import { auditQuery, type AuditParams } from "./audit-params";
import { AuditTable, type AuditRow } from "./audit-table";

const PAGE = 50;

/**
 * The table and "Load more": the first page comes from the server render, later pages by seq
 * cursor. Appending (rather than paging) keeps the events already read in view, and focus moves
 * to the first new row's number so a keyboard user carries on where the new events start.
 */
export function AuditLog({ initial, params, caption }: { initial: { items: AuditRow[]; nextCursor: number | null }; params: AuditParams; caption: string }) {
  const trpc = useTRPC();
  const table = useRef<HTMLDivElement>(null);
  const log = useInfiniteQuery(
    trpc.staff.audit.list.infiniteQueryOptions(
      { ...auditQuery(params), limit: PAGE },
      {
        initialData: { pages: [initial], pageParams: [null] },
        getNextPageParam: (last) => last.nextCursor ?? undefined,
        staleTime: Infinity,
      },
    ),
  );
  const rows = log.data?.pages.flatMap((page) => page.items) ?? initial.items;

  async function loadMore() {
    const before = rows.length;
    const result = await log.fetchNextPage();
    if (result.isSuccess) {
      requestAnimationFrame(() => table.current?.querySelectorAll<HTMLElement>("tbody tr")[before]?.querySelector<HTMLElement>("td")?.focus());
    }
  }

  if (rows.length === 0) return <Alert title="No events match these filters">Change or reset the filters to see more of the trail.</Alert>;
  return (
    <div className="space-y-3">
      <div ref={table} className="[&_tbody_td:first-child]:outline-offset-[-3px]">
        <AuditTable rows={rows} params={params} caption={caption} />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <p role="status" className="text-sm text-gray-700 dark:text-gray-300">
          {rows.length} event{rows.length === 1 ? "" : "s"} shown{log.hasNextPage ? "; older ones follow" : "; that is all"}.
        </p>
        {log.hasNextPage && (
          <Button variant="secondary" onClick={() => void loadMore()} disabled={log.isFetchingNextPage}>
            {log.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        )}
      </div>
      {log.isFetchNextPageError && <Alert tone="error">The next events could not be loaded. Try again.</Alert>}
    </div>
  );
}
