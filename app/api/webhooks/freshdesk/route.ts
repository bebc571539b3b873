import { getDbHandle } from "@/db/client";
import { receiveFreshdesk } from "@/lib/webhooks/receive";

export const dynamic = "force-dynamic";

/** POST /api/webhooks/freshdesk?connection=<id> — verified, then an incremental pull; never writes ticket data. */
export async function POST(req: Request) {
  const url = new URL(req.url);
  // Read as text: the signature covers the exact bytes sent.
  const rawBody = (await req.text()).slice(0, 1_000_000);
  const r = await receiveFreshdesk(await getDbHandle(), { connectionId: url.searchParams.get("connection"), rawBody, headers: req.headers, token: url.searchParams.get("token") });
  return Response.json(r.body, { status: r.status });
}
