"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "../../../_trpc/client";
import { currentPushSubscription, pushSupport, PushSetupError, subscribeThisBrowser, unsubscribeThisBrowser } from "../../../_components/pwa/push-subscription";
import { Alert } from "../../../_components/ui/alert";
import { Button } from "../../../_components/ui/button";
import { problemOf } from "../../help/_components/problem";

type State = "checking" | "unsupported" | "denied" | "off" | "on";

const EXPLAIN: Record<Exclude<State, "checking">, string> = {
  unsupported: "This browser cannot receive push notifications. On an iPhone or iPad, add Ward to your Home Screen first, then open it from there.",
  denied: "Notifications are blocked for this site. Allow them in your browser's site settings to turn push on.",
  off: "Push is off on this device.",
  on: "Push is on: this device shows Ward's notifications even when Ward is closed.",
};

/**
 * Push on this browser (F10): the browser's own permission and subscription, and the server's copy
 * of it. The server is asked whether it knows this endpoint for this user, because a browser that
 * was subscribed under another account, or forgotten by the server, is not "on" for this user.
 */
export function PushToggle({ vapidPublicKey }: { vapidPublicKey: string | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const subscribe = useMutation(trpc.notificationSettings.subscribe.mutationOptions());
  const unsubscribe = useMutation(trpc.notificationSettings.unsubscribe.mutationOptions());
  const [state, setState] = useState<State>("checking");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const support = pushSupport();
      if (support !== "supported") return !cancelled && setState(support);
      const subscription = await currentPushSubscription();
      const known = subscription ? await queryClient.fetchQuery(trpc.notificationSettings.pushSubscribed.queryOptions({ endpoint: subscription.endpoint })).catch(() => false) : false;
      if (!cancelled) setState(known ? "on" : "off");
    })();
    return () => {
      cancelled = true;
    };
  }, [queryClient, trpc]);

  if (!vapidPublicKey) return <p className="mt-2 text-gray-700 dark:text-gray-300">Push is not set up on this server. Ward still tells you here and by e-mail.</p>;

  async function turnOn() {
    setBusy(true);
    setFailure(null);
    try {
      await subscribe.mutateAsync(await subscribeThisBrowser(vapidPublicKey!));
      setState("on");
    } catch (error) {
      setFailure(error instanceof PushSetupError ? error.message : problemOf(error).message);
      if (pushSupport() === "denied") setState("denied");
    } finally {
      setBusy(false);
    }
  }

  async function turnOff() {
    setBusy(true);
    setFailure(null);
    try {
      const endpoint = await unsubscribeThisBrowser();
      if (endpoint) await unsubscribe.mutateAsync({ endpoint });
      setState("off");
    } catch (error) {
      setFailure(problemOf(error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="mt-2 space-y-3">
      <p aria-live="polite">{state === "checking" ? "Checking this device…" : EXPLAIN[state]}</p>
      {state === "off" && (
        <Button onClick={() => void turnOn()} disabled={busy}>
          {busy ? "Turning on…" : "Turn on push notifications"}
        </Button>
      )}
      {state === "on" && (
        <Button variant="secondary" onClick={() => void turnOff()} disabled={busy}>
          {busy ? "Turning off…" : "Turn off push notifications"}
        </Button>
      )}
      {failure && <Alert tone="error">{failure}</Alert>}
    </div>
  );
}
