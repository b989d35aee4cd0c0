import { afterAll, expect } from "vitest";
import { blockKitRejections } from "./fake-slack.js";

/**
 * Set-up file (vitest.config.ts): after each test file, no fake Slack may have refused a message or
 * view for its Block Kit. Every e2e test thereby checks that what the app sent is something Slack
 * accepts (limits, required fields, unique ids; demo/workspace/block-kit-validator.ts).
 */
afterAll(() => {
  expect(blockKitRejections, "the app sent Block Kit that Slack would refuse (invalid_blocks)").toEqual([]);
});
