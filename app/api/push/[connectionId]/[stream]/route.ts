import { getDbHandle } from "@/db/client";
import { handlePush } from "@/lib/import/push";

export const dynamic = "force-dynamic";

/** POST /api/push/:connectionId/tickets|ratings — see lib/import/push.ts and the README. */
export async function POST(req: Request, ctx: { params: Promise<{ connectionId: string; stream: string }> }) {
  return handlePush(await getDbHandle(), req, await ctx.params);
}
