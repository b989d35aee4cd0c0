import { describe, expect, it } from "vitest";
import { createLogger } from "../../../src/logger.js";
import { stopParts, type Part } from "../../../src/start/parts.js";

const log = createLogger("silent");

/** A part that writes down each stop hook it gets, as "<name>.<hook>". */
function recorded(name: string, steps: string[], hooks: Array<keyof Omit<Part, "name">>, closeTakesMs = 0): Part {
  const part: Part = { name };
  for (const hook of hooks) {
    if (hook === "close") {
      part.close = async (force) => {
        steps.push(`${name}.close${force ? "(force)" : ""}`);
        if (!force && closeTakesMs > 0) await new Promise((resolve) => setTimeout(resolve, closeTakesMs).unref());
      };
    } else {
      part[hook] = async () => void steps.push(`${name}.${hook}`);
    }
  }
  return part;
}

describe("stopping the app's parts", () => {
  it("walks the parts backwards phase by phase: intake, drain, workers, then connections (first started, last closed)", async () => {
    const steps: string[] = [];
    const parts = [
      recorded("database", steps, ["disconnect"]),
      recorded("services", steps, ["drain"]),
      recorded("web", steps, ["stopIntake", "drain", "disconnect"]),
      recorded("inbox worker", steps, ["close"]),
      recorded("engine", steps, ["close"]),
    ];
    await stopParts(parts, 10_000, log);
    expect(steps).toEqual([
      "web.stopIntake",
      "web.drain",
      "services.drain",
      "engine.close",
      "inbox worker.close",
      "web.disconnect",
      "database.disconnect",
    ]);
  });

  it("workers still busy at their share of the budget are closed by force; connections still close, and a failing part does not stop the others", async () => {
    const steps: string[] = [];
    const failing: Part = {
      name: "queues",
      disconnect: async () => {
        throw new Error("already closed");
      },
    };
    const parts = [recorded("database", steps, ["disconnect"]), failing, recorded("engine", steps, ["close"], 60_000)];
    await stopParts(parts, 200, log);
    expect(steps).toEqual(["engine.close", "engine.close(force)", "database.disconnect"]);
  });
});
