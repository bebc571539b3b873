import { getDbHandle } from "@/db/client";
import { getViewer } from "@/lib/auth/session";
import { runAction } from "@/lib/actions/define";
import { syncNowDefinition } from "@/lib/actions/sync-definitions";

export const dynamic = "force-dynamic";

/** POST /api/connections/:id/sync — the "Sync now" button for scripts; admins only. */
export async function POST(_req: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  const result = await runAction(syncNowDefinition, await getViewer(), { connectionId: id }, await getDbHandle());
  return Response.json(result, { status: result.ok ? 200 : result.status });
}
