import type { KnownBlock } from "@slack/types";

/** A message body as views build it: fallback text for notifications plus Block Kit blocks. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}
