/**
 * The benchmark workload: `npm run gen -- --size S|M [--database-url URL | --data-dir DIR] [--seed N] [--now ISO]`.
 * Recreates the target database and fills it deterministically (see scripts/gen/model.ts).
 */
import os from "node:os";
import { SIZES, defaultAnchor } from "./gen/model";
import { generateWorkload } from "./gen/write";
import { describeTarget, parseFlags, targetFromFlags } from "./bench/target";

async function main() {
  const flags = parseFlags(process.argv.slice(2));
  const sizeName = (flags.size ?? "M").toUpperCase();
  if (sizeName !== "S" && sizeName !== "M") throw new Error(`--size must be S or M, not "${flags.size}".`);
  const seed = flags.seed !== undefined ? Number(flags.seed) : 1;
  if (!Number.isInteger(seed)) throw new Error("--seed must be an integer.");
  const anchor = flags.now ? Date.parse(flags.now) : defaultAnchor();
  if (!Number.isFinite(anchor)) throw new Error("--now must be an ISO date.");
  const target = targetFromFlags(flags);
  console.log(`gen: workload ${sizeName}, seed ${seed}, into ${describeTarget(target)} (load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")})`);
  await generateWorkload({ target, size: SIZES[sizeName], seed, anchor });
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
