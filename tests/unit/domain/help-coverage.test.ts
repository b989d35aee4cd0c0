import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HELP_COMMANDS } from "../../../src/bot/views/help.js";
import { SUBCOMMAND_HANDLERS } from "../../../src/bot/listeners/commands/subcommands.js";
import { SUBCOMMANDS } from "../../../src/domain/subcommand.js";

describe("every /stretch sub-command is documented", () => {
  const readme = readFileSync("README.md", "utf8");

  it.each(SUBCOMMANDS)("%s has a handler, a /stretch help entry and a README row", (name) => {
    expect(SUBCOMMAND_HANDLERS[name]).toBeTypeOf("function");
    expect(HELP_COMMANDS.some((c) => c.usage.startsWith(`/stretch ${name}`))).toBe(true);
    expect(readme).toContain(`/stretch ${name}`);
  });
});
