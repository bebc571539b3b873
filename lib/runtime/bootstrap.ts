import fs from "node:fs";
import path from "node:path";
import { generateKey, parseKey } from "@/lib/crypto/secrets";
import { dataDir, getEnv, isEmbedded, resetEnvCache } from "@/lib/env";
import { randomBytes } from "node:crypto";

type GeneratedSecrets = { nextauthSecret: string; encryptionKey: string };

/**
 * Fills in what the embedded default can generate, before anything reads the environment:
 * the session secret and the credentials key live in `<data folder>/secrets.json` (mode 0600).
 * With DATABASE_URL several processes share one database, so both must come from the environment.
 */
export function bootstrapEnvironment(): void {
  resetEnvCache();
  const env = getEnv();
  if (isEmbedded(env)) {
    const dir = dataDir(env);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, "secrets.json");
    let secrets: GeneratedSecrets;
    if (fs.existsSync(file)) {
      secrets = JSON.parse(fs.readFileSync(file, "utf8")) as GeneratedSecrets;
    } else {
      secrets = { nextauthSecret: randomBytes(32).toString("base64url"), encryptionKey: generateKey() };
      fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    }
    process.env.NEXTAUTH_SECRET ||= secrets.nextauthSecret;
    process.env.PODIUM_ENCRYPTION_KEY ||= secrets.encryptionKey;
  } else {
    const missing = ["NEXTAUTH_SECRET", "PODIUM_ENCRYPTION_KEY"].filter((k) => !process.env[k]);
    if (missing.length) {
      throw new Error(
        `With DATABASE_URL, set ${missing.join(" and ")} (the same values on every web and worker process). ` +
          `Generate them with: node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"`,
      );
    }
  }
  parseKey(process.env.PODIUM_ENCRYPTION_KEY!); // fail at start, not at the first sync
  process.env.NEXTAUTH_URL ||= `http://localhost:${env.PORT}`;
  resetEnvCache();
  getEnv(); // validates the filled-in values
}
