"use client";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import type { ActionResult } from "@/lib/actions/define";
import { syncNowAction } from "@/lib/actions/sync";
import type { Texts } from "@/lib/i18n";
import { fill } from "@/lib/i18n/fill";

export type SyncNowTexts = Texts<"syncNow.">;

type SyncNowData = { status?: string; ticketsStored?: number; ratingsStored?: number; rejected?: number; error?: string | null };

function message(result: ActionResult, t: SyncNowTexts): string {
  if (!result.ok) return result.error;
  if (result.message) return result.message;
  const d = (result.data ?? {}) as SyncNowData;
  const status = d.status ?? "finished";
  const parts = [fill(t.result, { status: t[`status.${status}` as keyof SyncNowTexts] ?? status })];
  if (d.ticketsStored !== undefined) parts.push(fill(t.tickets, { n: d.ticketsStored }));
  if (d.ratingsStored !== undefined) parts.push(fill(t.ratings, { n: d.ratingsStored }));
  if (d.rejected) parts.push(fill(t.rejected, { n: d.rejected }));
  return parts.join(" · ") + (d.error ? ` — ${d.error}` : "");
}

/** "Sync now" for one connection: posts to the server action and shows what came back. */
export function SyncNowForm({ connectionId, disabled, text }: { connectionId: number; disabled?: boolean; text: SyncNowTexts }) {
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
        {pending ? text.syncing : text.sync}
      </button>
      <span role="status" aria-live="polite" className={failed ? "error" : "ok"} data-testid="sync-now-result">
        {result ? message(result, text) : ""}
      </span>
    </form>
  );
}
