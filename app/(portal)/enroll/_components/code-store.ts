import { useMemo, useSyncExternalStore } from "react";

/**
 * The one-time code lives only in this tab's sessionStorage, never in the URL (history, logs,
 * referrers): a reload keeps showing it, another tab or browser gets "create a new code". It is
 * removed once used or expired.
 */
export type StoredCode = { code: string; qrSvg: string };

const key = (codeId: string) => `ward.enroll.${codeId}`;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());

export function storeCode(codeId: string, value: StoredCode): void {
  try {
    sessionStorage.setItem(key(codeId), JSON.stringify(value));
  } catch {
    // Private mode or full storage: the code page then offers a new code, nothing breaks.
  }
  notify();
}

export function forgetCode(codeId: string): void {
  try {
    sessionStorage.removeItem(key(codeId));
  } catch {
    // nothing stored
  }
  notify();
}

function read(codeId: string): string | null {
  try {
    return sessionStorage.getItem(key(codeId));
  } catch {
    return null;
  }
}

/** The stored code, or null (also during server rendering, so hydration never mismatches). */
export function useStoredCode(codeId: string): StoredCode | null {
  const raw = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => read(codeId),
    () => null,
  );
  return useMemo(() => {
    if (!raw) return null;
    try {
      const value = JSON.parse(raw) as Partial<StoredCode>;
      return typeof value.code === "string" && typeof value.qrSvg === "string" && value.qrSvg.startsWith("<svg") ? { code: value.code, qrSvg: value.qrSvg } : null;
    } catch {
      return null;
    }
  }, [raw]);
}
