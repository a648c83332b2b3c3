/**
 * Remembering pure renderers' answers. A build formats the same few thousand dates hundreds
 * of thousands of times, and shows each article as a card in a dozen lists and as an item in
 * a dozen feeds; computing each once is most of what keeps rendering linear in the archive.
 */

/** Remembers a pure string function's answers. */
export function memo(fn: (value: string) => string): (value: string) => string {
  const seen = new Map<string, string>();
  return (value) => {
    let out = seen.get(value);
    if (out === undefined) {
      out = fn(value);
      seen.set(value, out);
    }
    return out;
  };
}

/**
 * Remembers `fn(record, context)` by the identity of both. Records are the archive index's,
 * which is complete before anything renders and never changes after, so identity is enough.
 */
export function perRecord<R extends object, C extends object, V>(fn: (record: R, context: C) => V): (record: R, context: C) => V {
  const byContext = new WeakMap<C, WeakMap<R, V>>();
  return (record, context) => {
    let seen = byContext.get(context);
    if (!seen) byContext.set(context, (seen = new WeakMap()));
    let out = seen.get(record);
    if (out === undefined) {
      out = fn(record, context);
      seen.set(record, out);
    }
    return out;
  };
}

/**
 * Remembers `fn(record)` by the record's identity, for as long as the returned function lives
 * (one build's views, say); `perRecord` is for renderers kept across builds.
 */
export function byIdentity<R extends object, V>(fn: (record: R) => V): (record: R) => V {
  const seen = new Map<R, V>();
  return (record) => {
    let out = seen.get(record);
    if (out === undefined) seen.set(record, (out = fn(record)));
    return out;
  };
}
