import { pino, type Logger } from "pino";

export type { Logger };

/**
 * Field paths pino blanks out wherever they appear, so a token or secret passed to a log call by
 * mistake never reaches the log sink.
 */
const REDACT = [
  "token",
  "*.token",
  "botToken",
  "*.botToken",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "signingSecret",
  "*.signingSecret",
  "SLACK_BOT_TOKEN",
  "SLACK_SIGNING_SECRET",
  "SLACK_APP_TOKEN",
  "SLACK_CLIENT_SECRET",
  "SLACK_STATE_SECRET",
  "TOKEN_ENCRYPTION_KEYS",
  "refreshToken",
  "*.refreshToken",
  "botRefreshToken",
  "*.botRefreshToken",
  "access_token",
  "*.access_token",
  "refresh_token",
  "*.refresh_token",
  "client_secret",
  "*.client_secret",
  "DATABASE_URL",
  "*.DATABASE_URL",
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "stretch-bot" },
      redact: { paths: REDACT, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
