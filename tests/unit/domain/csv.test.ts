import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "../../../src/domain/csv.js";

describe("CSV", () => {
  it("follows RFC 4180: CRLF rows, quotes only when needed, doubled quotes", () => {
    expect(toCsv([["a", "b,c", 'say "hi"', "two\nlines", null, 3.5]])).toBe('a,"b,c","say ""hi""","two\nlines",,3.5\r\n');
  });

  it("neutralises formulas in text cells (= + - @, tab, CR) with an apostrophe", () => {
    expect(csvCell("=HYPERLINK(\"http://x\")")).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@eng-team")).toBe("'@eng-team");
    expect(csvCell("\tcmd")).toBe("'\tcmd");
    expect(csvCell("#general")).toBe("#general");
  });

  it("writes numbers as numbers, even negative ones", () => {
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(Number.NaN)).toBe("");
  });
});
