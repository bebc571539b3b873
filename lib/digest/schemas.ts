import { z } from "zod";

/** Channel form. Secret fields left empty on an edit keep the saved secret. */

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v);
const opt = <T extends z.ZodType>(s: T) => z.preprocess(blankToUndefined, s.optional());

export const ChannelInputSchema = z
  .object({
    id: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
    teamId: z.coerce.number({ error: "Choose a team." }).int().positive("Choose a team."),
    kind: z.enum(["slack", "teams", "telegram", "email"], { error: "Choose Slack, Microsoft Teams, Telegram or email." }),
    name: z.string().trim().min(2, "Name the channel (at least 2 characters).").max(80, "Keep the name under 80 characters."),
    sendAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Give the time of day as HH:MM, e.g. 18:00."),
    enabled: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
    url: opt(z.string().url("The webhook URL must be a full URL (https://…).").refine((u) => /^https?:\/\//.test(u), "The webhook URL must start with https://.")),
    botToken: opt(z.string().regex(/^\d+:[\w-]{10,}$/, "A Telegram bot token looks like 123456:ABC-def…")),
    chatId: opt(z.string().regex(/^(-?\d+|@\w{4,})$/, "A Telegram chat id is a number (e.g. -1001234567890) or @channelname.")),
    host: opt(z.string().max(200).regex(/^[\w.-]+$/, "The SMTP host is a host name, e.g. smtp.example.com.")),
    port: z.preprocess(blankToUndefined, z.coerce.number({ error: "The SMTP port is a number." }).int().min(1, "The SMTP port is 1–65535.").max(65535, "The SMTP port is 1–65535.").optional()),
    secure: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
    user: opt(z.string().max(200)),
    password: opt(z.string().max(500)),
    from: opt(z.string().email("The sender must be an email address.")),
    to: opt(
      z
        .string()
        .transform((s) => s.split(/[,;\s]+/).filter(Boolean))
        .pipe(z.array(z.string().email("Every recipient must be an email address.")).min(1, "Give at least one recipient.")),
    ),
  })
  .superRefine((v, ctx) => {
    const need = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    const isNew = v.id === undefined;
    if ((v.kind === "slack" || v.kind === "teams") && isNew && !v.url) need("url", "Paste the incoming webhook URL.");
    if (v.kind === "telegram") {
      if (isNew && !v.botToken) need("botToken", "Paste the bot token from @BotFather.");
      if (!v.chatId) need("chatId", "Give the chat id the bot posts to.");
    }
    if (v.kind === "email") {
      if (!v.host) need("host", "Give the SMTP host.");
      if (!v.port) need("port", "Give the SMTP port (587, 465 or 25).");
      if (!v.from) need("from", "Give the sender address.");
      if (!v.to) need("to", "Give at least one recipient.");
    }
  });
export type ChannelInput = z.infer<typeof ChannelInputSchema>;

export const ChannelIdSchema = z.object({ channelId: z.coerce.number().int().positive() });
export const TeamIdSchema = z.object({ teamId: z.coerce.number().int().positive() });
