import { getEnv } from "@/lib/env";
import { crownsJob, nominationsJob, rebuildRollupsJob } from "./boards";
import { confirmPoints } from "./confirm-points";
import { runDigest } from "./digest";
import { runQuarterClose } from "./quarter-close";
import { syncAllConnections } from "./sync";
import { teamHandicap } from "./team-handicap";
import { refreshQuarterQuotas, refreshRecentQuotas } from "./weekly-quotas";
import type { JobDefinition } from "./types";

/** Every scheduled job. Schedules come from env when set (JOB_<ID>_SCHEDULE). */
export function listJobs(env = getEnv()): JobDefinition[] {
  return [
    {
      id: "sync",
      description: "Pull tickets and ratings from every enabled connection, rescore what changed",
      schedule: env.JOB_SYNC_SCHEDULE ?? "*/5 * * * *",
      handler: syncAllConnections,
    },
    {
      id: "confirm-points",
      description: "Confirm pending points whose reopen window has closed",
      schedule: env.JOB_CONFIRM_SCHEDULE ?? "7 * * * *",
      handler: confirmPoints,
    },
    {
      id: "crowns",
      description: "Record who holds each crown (week, month, quarter; engineers and teams); finalise last period's",
      schedule: process.env.JOB_CROWNS_SCHEDULE ?? "*/15 * * * *",
      handler: crownsJob,
    },
    {
      id: "rebuild-rollups",
      description: "Recompute the board rollups from scratch (nightly repair)",
      schedule: process.env.JOB_REBUILD_ROLLUPS_SCHEDULE ?? "17 3 * * *",
      handler: rebuildRollupsJob,
    },
    {
      id: "nominations",
      description: "Award nominations for the last finished month, quarter and year",
      schedule: process.env.JOB_NOMINATIONS_SCHEDULE ?? "37 4 * * *",
      handler: nominationsJob,
    },
    {
      id: "digest",
      description: "Post each team's daily digest at its local time; retry failed deliveries with backoff",
      schedule: env.JOB_DIGEST_SCHEDULE ?? "*/5 * * * *",
      handler: runDigest,
    },
    {
      id: "quarter-close",
      description: "Freeze ended challenges and the ended quarter's crowns, award badges",
      schedule: env.JOB_QUARTER_CLOSE_SCHEDULE ?? "20 0 * * *",
      handler: runQuarterClose,
    },
    {
      id: "weekly-quotas",
      description: "Recompute the weekly quota state of the last five weeks from the ledger",
      schedule: env.JOB_QUOTAS_SCHEDULE ?? "*/10 * * * *",
      handler: refreshRecentQuotas,
    },
    {
      id: "weekly-quotas-quarter",
      description: "Recompute the weekly quota state of the last fourteen weeks (late changes)",
      schedule: env.JOB_QUOTAS_DAILY_SCHEDULE ?? "40 3 * * *",
      handler: refreshQuarterQuotas,
    },
    {
      id: "team-handicap",
      description: "Write automatic team handicaps from the trailing four quarters",
      schedule: env.JOB_HANDICAP_SCHEDULE ?? "15 2 * * *",
      handler: teamHandicap,
    },
  ];
}
