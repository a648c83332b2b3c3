import { describe, expect, it } from "vitest";
import { parseSeed } from "../../src/ingest/parse.ts";

const ok = (text: string) => {
  const r = parseSeed(text);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};

describe("parseSeed", () => {
  it.each([
    ["one paragraph per line", "Headline\nFirst para.\nSecond para.\n"],
    ["blank-line separated", "Headline\n\nFirst para.\n\nSecond para.\n"],
    ["CRLF line ends", "Headline\r\nFirst para.\r\nSecond para.\r\n"],
    ["CRLF and blank lines", "Headline\r\n\r\nFirst para.\r\n\r\n\r\nSecond para."],
    ["leading blank lines and BOM", "\uFEFF\n\n  Headline  \nFirst para.\nSecond para."],
    ["trailing spaces and tabs", "Headline \t\nFirst para.  \n\tSecond para."],
  ])("gives the same paragraphs: %s", (_name, text) => {
    expect(ok(text)).toMatchObject({ headline: "Headline", paragraphs: ["First para.", "Second para."] });
  });

  it("joins a hard-wrapped paragraph", () => {
    const text = "Headline\n\nThis paragraph was wrapped by an editor at about sixty\ncharacters per line, as plain-text mail often is\nand ends here.\n\nNext.";
    expect(ok(text).paragraphs).toEqual([
      "This paragraph was wrapped by an editor at about sixty characters per line, as plain-text mail often is and ends here.",
      "Next.",
    ]);
  });

  it("keeps list-like lines in a block as separate paragraphs", () => {
    const text = "Headline\n\nThey said:\n- one thing,\n - another.\n";
    expect(ok(text).paragraphs).toEqual(["They said:", "- one thing,", "- another."]);
  });

  it.each([
    ["with attribution", "Quote text here - Someone Important |", { text: "Quote text here", attribution: "Someone Important" }],
    ["without attribution", "Just a quote |", { text: "Just a quote" }],
    ["last dash wins", "A - B says - Speaker |", { text: "A - B says", attribution: "Speaker" }],
  ])("lifts a pull quote out of the body: %s", (_name, line, quote) => {
    const parsed = ok(`Headline\nFirst.\n${line}\nSecond.`);
    expect(parsed.paragraphs).toEqual(["First.", "Second."]);
    expect(parsed.pullQuotes).toEqual([{ ...quote, after: 0 }]);
  });

  it("does not treat a pipe inside text as a pull quote", () => {
    expect(ok("H\nRevenue | costs rose.").paragraphs).toEqual(["Revenue | costs rose."]);
  });

  it.each([
    ["empty", ""],
    ["whitespace only", "  \n\t\r\n  "],
    ["BOM only", "\uFEFF"],
  ])("rejects %s files", (_name, text) => {
    expect(parseSeed(text)).toEqual({ ok: false, reason: "empty or whitespace-only file" });
  });

  it("rejects a headline with no body", () => {
    expect(parseSeed("Just a headline\n\n")).toEqual({ ok: false, reason: expect.stringContaining("no body") });
  });

  it("reads HTML character references scraped text kept, and leaves as written what stands for no character", () => {
    const v = ok("Jos&#233; Mar&#xED;a &amp; AT&T rose 10&#150;15%\nPrices &lt;5% &#163;10, didn&#146;t &#147;fall&#148;; &#0; &#xD800; &#1114112; &#129; &copy; & more.\nA line&#10;not cut, nor&#9;tabbed.\n");
    expect(v.headline).toBe("José María & AT&T rose 10–15%");
    // 128-159 as Windows-1252 reads them (HTML does); nothing, a control character or a line break are left as written.
    expect(v.paragraphs).toEqual(["Prices <5% £10, didn’t “fall”; &#0; &#xD800; &#1114112; &#129; &copy; & more.", "A line&#10;not cut, nor&#9;tabbed."]);
  });

  it("strips control characters and zero-width spaces", () => {
    expect(ok("Head\u0007line\nBo\u200Bdy\u0000.").headline).toBe("Headline");
  });
});
