"use client";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import type { ActionResult } from "@/lib/actions/define";
import { syncNowAction } from "@/lib/actions/sync";

type SyncNowData = { status?: string; ticketsStored?: number; ratingsStored?: number; rejected?: number; error?: string | null };

function message(result: ActionResult): string {
  if (!result.ok) return result.error;
  if (result.message) return result.message;
  const d = (result.data ?? {}) as SyncNowData;
  const parts = [`Sync ${d.status ?? "finished"}`];
  if (d.ticketsStored !== undefined) parts.push(`${d.ticketsStored} tickets`);
  if (d.ratingsStored !== undefined) parts.push(`${d.ratingsStored} ratings`);
  if (d.rejected) parts.push(`${d.rejected} rejected`);
  return parts.join(" · ") + (d.error ? ` — ${d.error}` : "");
}

/** "Sync now" for one connection: posts to the server action and shows what came back. */
export function SyncNowForm({ connectionId, disabled }: { connectionId: number; disabled?: boolean }) {
  const [result, formAction, pending] = useActionState<ActionResult | null, FormData>(syncNowAction, null);
  const router = useRouter();
  // A finished run changes the runs table and cursors below: re-render the page's server part.
  useEffect(() => {
    if (result?.ok) router.refresh();
  }, [result, router]);
  const failed = result !== null && (!result.ok || ((result.data ?? {}) as SyncNowData).status === "failed");
  return (
    <form action={formAction} className="sync-now" data-testid="sync-now-form">
      <input type="hidden" name="connectionId" value={connectionId} />
      <button type="submit" disabled={pending || disabled} data-testid="sync-now">
        {pending ? "Syncing…" : "Sync now"}
      </button>
      <span role="status" aria-live="polite" className={failed ? "error" : "ok"} data-testid="sync-now-result">
        {result ? message(result) : ""}
      </span>
    </form>
  );
}
