/**
 * The people, channels and app of the simulated workspace. Ids look like Slack's (U…, C…, D…) so
 * the app's parsers treat them as real; names and zones are spread around the world so working
 * hours and "each person's own time zone" can be seen in the clock panel.
 */

export const TEAM = { id: "T0DEMO0001", name: "Acme Demo", domain: "acme-demo" } as const;
export const APP = { id: "A0STRETCH1", name: "Stretch Break" } as const;
export const BOT = { userId: "U0STRETCHB", botId: "B0STRETCHB", name: "stretchbot" } as const;

export interface Person {
  id: string;
  /** Slack handle (`name`). */
  handle: string;
  realName: string;
  title: string;
  tz: string;
  /** City shown in the clock panel. */
  city: string;
  locale: string;
  isAdmin?: boolean;
  isOwner?: boolean;
  /** Seeded as a manager (made one by the admin with `/stretch managers add` on first start). */
  isManager?: boolean;
  /** Avatar background. */
  color: string;
}

export const PEOPLE: readonly Person[] = [
  { id: "U0AGNIESZK", handle: "agnieszka", realName: "Agnieszka Nowak", title: "Head of People · workspace admin", tz: "Europe/Warsaw", city: "Warsaw", locale: "pl-PL", isAdmin: true, isOwner: true, color: "#e01e5a" },
  { id: "U0OLIVERBE", handle: "oliver", realName: "Oliver Bennett", title: "Engineering manager", tz: "Europe/London", city: "London", locale: "en-GB", isManager: true, color: "#2eb67d" },
  { id: "U0MAYAJOHN", handle: "maya", realName: "Maya Johnson", title: "Backend engineer", tz: "America/New_York", city: "New York", locale: "en-US", color: "#36c5f0" },
  { id: "U0LUCASSIL", handle: "lucas", realName: "Lucas Silva", title: "Product designer", tz: "America/Sao_Paulo", city: "São Paulo", locale: "pt-BR", color: "#ecb22e" },
  { id: "U0YUKITANA", handle: "yuki", realName: "Yuki Tanaka", title: "Frontend engineer", tz: "Asia/Tokyo", city: "Tokyo", locale: "ja-JP", color: "#7c3aed" },
  { id: "U0PRIYASHA", handle: "priya", realName: "Priya Sharma", title: "Data analyst", tz: "Asia/Kolkata", city: "Bengaluru", locale: "en-IN", color: "#0ea5e9" },
  { id: "U0SOFIAGAR", handle: "sofia", realName: "Sofía García", title: "UX researcher", tz: "America/Los_Angeles", city: "Los Angeles", locale: "es-US", color: "#f97316" },
  { id: "U0LIAMOCON", handle: "liam", realName: "Liam O'Connor", title: "Site reliability engineer", tz: "Australia/Sydney", city: "Sydney", locale: "en-AU", color: "#16a34a" },
];

export interface SeedChannel {
  id: string;
  name: string;
  topic: string;
  members: string[];
  /** The app's bot is in the channel (it can post there). */
  botMember: boolean;
}

const everyone = PEOPLE.map((p) => p.id);
const ids = (...handles: string[]) => handles.map((h) => PEOPLE.find((p) => p.handle === h)!.id);

export const CHANNELS: readonly SeedChannel[] = [
  { id: "C0GENERAL1", name: "general", topic: "Company-wide announcements and stretch breaks", members: everyone, botMember: true },
  { id: "C0ENGINEER", name: "engineering", topic: "Builds, reviews and the occasional neck roll", members: ids("oliver", "maya", "yuki", "priya", "liam", "agnieszka"), botMember: true },
  { id: "C0DESIGN01", name: "design", topic: "Pixels, prototypes, posture", members: ids("lucas", "sofia", "yuki", "agnieszka"), botMember: true },
  { id: "C0RANDOM01", name: "random", topic: "Anything goes", members: everyone, botMember: false },
];

export interface SeedUserGroup {
  id: string;
  handle: string;
  name: string;
  users: string[];
}

export const USER_GROUPS: readonly SeedUserGroup[] = [
  { id: "S0DESIGNTM", handle: "design-team", name: "Design team", users: ids("lucas", "sofia", "yuki") },
  { id: "S0PLATFORM", handle: "platform", name: "Platform team", users: ids("maya", "priya", "liam", "oliver") },
];

/** The app's DM with a person: one stable id per person, as conversations.open returns it. */
export function dmIdFor(userId: string): string {
  return `D${userId.slice(1)}`;
}
