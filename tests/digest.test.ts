import { describe, expect, it } from "vitest";
import { Digester } from "../src/digest.ts";

const d = (value: unknown): string => new Digester().of(value);

describe("Digester", () => {
  it("gives equal values equal digests, whatever their identity", () => {
    const record = { url: "/a/", title: "A", tags: ["x", "y"], nested: { n: 1, ok: true } };
    expect(d(record)).toBe(d(structuredClone(record)));
    const digester = new Digester();
    // Remembered records give the same digest as fresh ones.
    const shared = { name: "Putin", aliases: ["Putin"] };
    const first = digester.of({ a: shared, b: shared });
    expect(digester.of({ a: shared, b: shared })).toBe(first);
    expect(d({ a: { ...shared }, b: { ...shared } })).toBe(first);
    // A frozen leaf, remembered by identity, digests as its unfrozen copy does.
    const link = Object.freeze({ title: "A", url: "/a/" });
    const twice = digester.of([link, { inner: link }]);
    expect(digester.of([link, { inner: link }])).toBe(twice);
    expect(d([{ ...link }, { inner: { ...link } }])).toBe(twice);
  });

  it("sees every change: a value, a key, a nested value, undefined against absent, strings run together", () => {
    const base = d({ url: "/a/", items: [{ title: "A", count: 1 }] });
    const variants = [
      { url: "/b/", items: [{ title: "A", count: 1 }] },
      { href: "/a/", items: [{ title: "A", count: 1 }] },
      { url: "/a/", items: [{ title: "A", count: 2 }] },
      { url: "/a/", items: [{ title: "A", count: "1" }] },
      { url: "/a/", items: [{ title: "A", count: 1, extra: undefined }] },
      { url: "/a/", items: [{ title: "A" }, { count: 1 }] },
      { url: "/a/", items: { 0: { title: "A", count: 1 } } },
    ];
    const digests = variants.map(d);
    expect(digests).not.toContain(base);
    expect(new Set(digests).size).toBe(variants.length);
    expect(d(["ab", "c"])).not.toBe(d(["a", "bc"]));
    expect(d({ a: "b" })).not.toBe(d({ b: "a" }));
  });

  it("depends on key order, as the pages that render records in order do", () => {
    expect(d({ a: 1, b: 2 })).not.toBe(d({ b: 2, a: 1 }));
  });
});
