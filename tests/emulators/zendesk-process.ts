/**
 * The Zendesk emulator in a process of its own (benchmarks): the syncing process's memory and CPU
 * are then its own, not the emulator's. Options come as one JSON argument; the first stdout line is
 * `{ url, email, apiToken, agents, tickets, ratings }`; closing stdin stops it.
 *
 *   node --import tsx tests/emulators/zendesk-process.ts '{"tickets":200000}'
 */
import { startZendeskEmulator, type ZendeskEmulatorOptions } from "./zendesk";

const options = JSON.parse(process.argv[2] ?? "{}") as ZendeskEmulatorOptions;
const emu = await startZendeskEmulator(options);
const a = emu.account;
process.stdout.write(
  `${JSON.stringify({ url: emu.url, email: a.email, apiToken: a.apiToken, agents: a.agents.map((x) => x.email), tickets: a.tickets.length, ratings: a.ratings.length })}\n`,
);
process.stdin.resume();
process.stdin.on("end", () => void emu.close().then(() => process.exit(0)));
