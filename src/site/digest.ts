/**
 * Content digests of index records, for deciding which pages a rebuild must render.
 *
 * A page is a pure function of its index record (plus the site settings and the code, which
 * `build-state.ts` fingerprints separately). The digest covers everything reachable from the
 * record, so a renderer cannot read data the digest missed: it may over-report a change (a
 * list page is digested with its term's whole article list), never under-report one.
 *
 * The index is a graph that shares records (an article sits in a dozen lists), so digests are
 * Merkle-style: each object is serialised with its children replaced by their digests, and
 * remembered by identity, which makes digesting the whole index linear in its size.
 */
import { createHash } from "node:crypto";

/** Serialisations longer than this are hashed; shorter ones stand for themselves. */
const INLINE = 40;

export class Digester {
  private readonly memo = new WeakMap<object, string>();

  of(value: unknown): string {
    if (value === undefined) return "~";
    if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "~";
    const known = this.memo.get(value);
    if (known !== undefined) return known;
    let text: string;
    if (Array.isArray(value)) {
      text = "[";
      for (let i = 0; i < value.length; i++) text += (i ? "," : "") + this.of(value[i]);
      text += "]";
    } else {
      text = "{";
      let first = true;
      for (const [key, child] of Object.entries(value)) {
        text += `${first ? "" : ","}${JSON.stringify(key)}:${this.of(child)}`;
        first = false;
      }
      text += "}";
    }
    const digest = text.length > INLINE ? `#${createHash("sha1").update(text).digest("base64")}` : text;
    this.memo.set(value, digest);
    return digest;
  }
}
