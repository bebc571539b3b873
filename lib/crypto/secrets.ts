import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * AES-256-GCM for connection credentials at rest. Envelope: "v1.<iv>.<tag>.<ciphertext>"
 * (base64url). The key is 32 bytes, given as base64 or hex in PODIUM_ENCRYPTION_KEY or generated
 * into the data folder by the embedded default (lib/runtime/bootstrap.ts).
 */

export function parseKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (key.length !== 32) throw new Error("PODIUM_ENCRYPTION_KEY must be 32 bytes, as 64 hex characters or base64.");
  return key;
}

export function generateKey(): string {
  return randomBytes(32).toString("base64");
}

export function encryptJson(value: unknown, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

export function decryptJson<T = unknown>(envelope: string, key: Buffer): T {
  const [version, iv, tag, body] = envelope.split(".");
  if (version !== "v1" || !iv || !tag || body === undefined) throw new Error("Unreadable credentials envelope.");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  try {
    const text = Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
    return JSON.parse(text) as T;
  } catch {
    throw new Error("Credentials cannot be decrypted: the encryption key differs from the one they were saved with.");
  }
}

/** The key in force, from the environment (the bootstrap puts the generated one there too). */
export function getEncryptionKey(): Buffer {
  const text = process.env.PODIUM_ENCRYPTION_KEY;
  if (!text) throw new Error("PODIUM_ENCRYPTION_KEY is not set.");
  return parseKey(text);
}
