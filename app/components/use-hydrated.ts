"use client";
import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False on the server and during hydration, true after. Charts draw only in the browser: a
 * responsive Recharts chart has no width on the server, so server-rendering it produced an empty
 * frame while building its whole component tree and store, ~1.5 ms of CPU per engineer page.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
