/**
 * `npm run bench`: every benchmark in turn — scoring, sync, import, web — each printing its own
 * figures, then one JSON object with all of them as the last line. Needs the workload first
 * (`npm run gen -- --size M`); flags after `--` go to every benchmark that takes them
 * (e.g. `--database-url` for scoring and web).
 */
import { spawn } from "node:child_process";

const benches = ["scoring", "sync", "import", "web"] as const;
// Only these take the workload's database; sync and import create their own.
const takesWorkloadFlags = new Set(["scoring", "web"]);

function run(name: string, args: string[]): Promise<{ code: number; last: string }> {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", `bench:${name}`, "--", ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let tail = "";
    child.stdout.on("data", (chunk: Buffer) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString()).slice(-64_000);
    });
    child.on("close", (code) => {
      const lines = tail.trim().split("\n");
      resolve({ code: code ?? 1, last: lines[lines.length - 1] ?? "" });
    });
  });
}

const extra = process.argv.slice(2);
const figures: Record<string, unknown> = {};
let failed = false;
for (const name of benches) {
  console.log(`\n=== bench:${name}`);
  const { code, last } = await run(name, takesWorkloadFlags.has(name) ? extra : []);
  try {
    figures[name] = code === 0 ? JSON.parse(last) : { error: `exit code ${code}` };
  } catch {
    figures[name] = { error: "its last line was not JSON" };
  }
  failed ||= code !== 0;
}
console.log(JSON.stringify(figures));
process.exit(failed ? 1 : 0);
