/**
 * Sign-out (F24): remove everything Ward stored in this browser: every Cache Storage cache (the
 * service worker's precache included; it holds no personal data, and the worker answers offline
 * navigations with a built-in page until it is refilled) and this tab's session storage.
 * Never throws: signing out must go on whatever the browser supports.
 */
export async function clearWardStorage(): Promise<void> {
  try {
    if ("caches" in window) {
      const names = await caches.keys();
      await Promise.all(names.map((name) => caches.delete(name)));
    }
  } catch {
    // Cache Storage unavailable (e.g. some private modes): nothing was cached there.
  }
  try {
    sessionStorage.clear();
  } catch {
    // Storage blocked: nothing to clear.
  }
}
