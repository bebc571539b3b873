import { getEnv } from "@/lib/env";
import { sendMail } from "./smtp";

/**
 * Delivery of one message to one channel. Throws with a short reason on failure (shown in the
 * UI, so it never contains the secret: webhook URLs and tokens are not echoed).
 */

export type ChannelKind = "slack" | "teams" | "telegram" | "email";

/** Encrypted part of a channel. */
export type ChannelSecret = { url?: string; botToken?: string; password?: string };

/** Shown part of a channel. */
export type ChannelSettings = {
  chatId?: string;
  host?: string;
  port?: number;
  secure?: boolean;
  user?: string;
  from?: string;
  to?: string[];
};

export async function deliver(kind: ChannelKind, secret: ChannelSecret, settings: ChannelSettings, message: { subject: string; text: string }): Promise<void> {
  switch (kind) {
    case "slack":
      // Slack incoming webhooks take { text } (mrkdwn); answers "ok".
      return postJson(secret.url, { text: message.text });
    case "teams":
      // Microsoft Teams incoming webhooks (and Workflows webhooks) take a { text } message.
      return postJson(secret.url, { text: message.text.replace(/\n/g, "\n\n") });
    case "telegram": {
      const base = getEnv().PODIUM_TELEGRAM_API_BASE.replace(/\/$/, "");
      if (!secret.botToken || !settings.chatId) throw new Error("The Telegram channel needs a bot token and a chat id.");
      return postJson(`${base}/bot${secret.botToken}/sendMessage`, { chat_id: settings.chatId, text: message.text, disable_web_page_preview: true });
    }
    case "email":
      if (!settings.host || !settings.port || !settings.from || !settings.to?.length) throw new Error("The email channel needs a host, a port, a sender and recipients.");
      return sendMail({
        host: settings.host,
        port: settings.port,
        secure: settings.secure,
        user: settings.user || undefined,
        password: secret.password,
        from: settings.from,
        to: settings.to,
        subject: message.subject,
        text: message.text,
      });
  }
}

async function postJson(url: string | undefined, body: unknown): Promise<void> {
  if (!url) throw new Error("The channel has no webhook URL.");
  let res: Response;
  try {
    res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal: AbortSignal.timeout(15_000) });
  } catch (e) {
    throw new Error(`Could not reach the chat service (${e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : "network error"}).`);
  }
  if (!res.ok) {
    const detail = (await res.text().catch(() => "")).slice(0, 120).replace(/\s+/g, " ");
    throw new Error(`The chat service answered ${res.status}${detail ? `: ${detail}` : ""}.`);
  }
}
