"use client";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import type { ActionResult } from "@/lib/actions/define";
import { dismissProposalAction } from "@/lib/actions/rules";

/** An admin declines a lead's proposal, with a reason the lead reads. */
export function DismissProposalForm({ proposalId }: { proposalId: number }) {
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(dismissProposalAction, null);
  const router = useRouter();
  useEffect(() => {
    if (result?.ok) router.refresh();
  }, [result, router]);
  const reasonError = result && !result.ok ? result.fieldErrors?.reason?.join(" ") : undefined;
  return (
    <form action={action} className="resolve-form" data-testid="dismiss-proposal-form">
      <input type="hidden" name="proposalId" value={proposalId} />
      <div className="row">
        <input name="reason" placeholder="Why not (the lead reads this)" aria-label="Reason" aria-invalid={reasonError ? true : undefined} />
        <button type="submit" className="button-quiet" disabled={pending}>
          Dismiss
        </button>
      </div>
      <span role="status" className={result && !result.ok ? "error small" : "ok small"}>
        {result ? (result.ok ? "Dismissed." : (reasonError ?? result.error)) : ""}
      </span>
    </form>
  );
}
