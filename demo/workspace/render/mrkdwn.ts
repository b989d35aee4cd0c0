/**
 * Slack's mrkdwn as HTML: *bold*, _italic_, ~strike~, `code`, ```blocks```, > quotes, links
 * (<url|label>), mentions (<@U…>, <#C…>, <!here>, <!subteam^…>), dates (<!date^…|fallback>) and
 * :emoji: short names. Everything else is escaped: the app's text never becomes markup.
 */
import { emojiFor } from "../emoji.js";

export interface MentionNames {
  user(id: string): string | undefined;
  channel(id: string): string | undefined;
}

const HOLD = "\u0000";

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Slack text arrives with &amp; &lt; &gt; already escaped: decode them, then escape for HTML. */
function decodeSlackEntities(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

export function emojify(html: string): string {
  return html.replace(/:([a-z0-9_+'-]+(?:::skin-tone-\d)?):/gi, (all, name: string) => {
    const char = emojiFor(name.toLowerCase());
    return char ? `<span class="emoji" title=":${name}:">${char}</span>` : all;
  });
}

/** plain_text objects: escaped, with :emoji: when `emoji` is not false. */
export function plainText(text: string, emoji = true): string {
  const html = escapeHtml(text);
  return emoji ? emojify(html) : html;
}

export function mrkdwn(text: string, names: MentionNames): string {
  const held: string[] = [];
  const hold = (html: string) => `${HOLD}${held.push(html) - 1}${HOLD}`;
  let s = text;
  s = s.replace(/```([\s\S]*?)```/g, (_all, code: string) => hold(`<pre class="mk-pre">${escapeHtml(decodeSlackEntities(code.replace(/^\n/, "")))}</pre>`));
  s = s.replace(/`([^`\n]+)`/g, (_all, code: string) => hold(`<code class="mk-code">${escapeHtml(decodeSlackEntities(code))}</code>`));
  s = s.replace(/<([^<>\n]+)>/g, (_all, inner: string) => hold(angleToken(inner, names)));
  s = escapeHtml(decodeSlackEntities(s));
  s = inline(s, "*", "strong");
  s = inline(s, "_", "em");
  s = inline(s, "~", "del");
  s = emojify(s);
  s = s
    .split("\n")
    .map((line) => (line.startsWith("&gt; ") || line === "&gt;" ? `<blockquote class="mk-quote">${line.replace(/^&gt; ?/, "")}</blockquote>` : line))
    .join("\n")
    .replace(/<\/blockquote>\n/g, "</blockquote>")
    .replace(/\n/g, "<br>");
  return s.replace(new RegExp(`${HOLD}(\\d+)${HOLD}`, "g"), (_all, i: string) => held[Number(i)]!);
}

/** *bold* and friends: the marker must touch a word on the inside and not on the outside. */
function inline(html: string, marker: string, tag: string): string {
  const m = `\\${marker}`;
  const inner = `[^\\s${m}](?:[^\\n${m}]*?[^\\s${m}])?`;
  const re = new RegExp(`(^|[\\s(\\[{"'>.,;:!?/-]|${HOLD})${m}(${inner})${m}(?=$|[\\s)\\]}"'<.,;:!?/-]|${HOLD})`, "g");
  return html.replace(re, (_all, before: string, text: string) => `${before}<${tag}>${text}</${tag}>`);
}

function angleToken(inner: string, names: MentionNames): string {
  const [target = "", label] = splitOnce(inner, "|");
  if (target.startsWith("@")) {
    const id = target.slice(1);
    return `<span class="mk-mention" data-user="${escapeHtml(id)}">@${escapeHtml(names.user(id) ?? label ?? id)}</span>`;
  }
  if (target.startsWith("#")) {
    const id = target.slice(1);
    return `<span class="mk-channel" data-channel="${escapeHtml(id)}">#${escapeHtml(names.channel(id) ?? label ?? id)}</span>`;
  }
  if (target.startsWith("!")) {
    const special = target.slice(1);
    if (special.startsWith("subteam^")) return `<span class="mk-mention">${escapeHtml(label ?? "@group")}</span>`;
    if (special.startsWith("date^")) return escapeHtml(decodeSlackEntities(label ?? special));
    return `<span class="mk-mention">@${escapeHtml(special)}</span>`;
  }
  const url = decodeSlackEntities(target);
  if (!/^(https?:|mailto:)/i.test(url)) return escapeHtml(`<${inner}>`);
  return `<a class="mk-link" href="${escapeHtml(url)}" target="_blank" rel="noreferrer noopener">${escapeHtml(decodeSlackEntities(label ?? url))}</a>`;
}

function splitOnce(text: string, sep: string): [string, string | undefined] {
  const i = text.indexOf(sep);
  return i < 0 ? [text, undefined] : [text.slice(0, i), text.slice(i + 1)];
}
