/**
 * Reading CoNLL-2003 files (`token POS chunk NER`, IOB2 tags, `-DOCSTART-` between documents) and
 * turning their token lists back into plain text, so evaluation runs the same path as ingest.
 */

export interface ConllSentence {
  tokens: string[];
  /** IOB2 tags, e.g. `B-PER`, `I-ORG`, `O`. */
  tags: string[];
}

export interface ConllDocument {
  sentences: ConllSentence[];
}

/** One gold entity in a sentence: its CoNLL type (`PER`, `ORG`, `LOC`, `MISC`) and tokens. */
export interface GoldSpan {
  type: string;
  tokens: string[];
}

/** The gold entities of a sentence, in order, read from its IOB2 tags. */
export function goldSpans(sentence: ConllSentence): GoldSpan[] {
  const spans: GoldSpan[] = [];
  let current: GoldSpan | undefined;
  sentence.tags.forEach((tag, i) => {
    if (tag === "O" || tag.startsWith("B-")) current = undefined;
    if (tag === "O") return;
    if (!current) spans.push((current = { type: "", tokens: [] }));
    // A span takes the type of its last tag, as the scorer always has.
    current.type = tag.slice(2);
    current.tokens.push(sentence.tokens[i] ?? "");
  });
  return spans;
}

/** Parses CoNLL text into documents; IOB1 tags are converted to IOB2. */
export function parseConll(text: string): ConllDocument[] {
  const docs: ConllDocument[] = [];
  let doc: ConllDocument | undefined;
  let sentence: ConllSentence = { tokens: [], tags: [] };
  const flush = (): void => {
    if (sentence.tokens.length > 0) {
      if (!doc) {
        doc = { sentences: [] };
        docs.push(doc);
      }
      doc.sentences.push({ tokens: sentence.tokens, tags: toIob2(sentence.tags) });
    }
    sentence = { tokens: [], tags: [] };
  };
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line.length === 0) {
      flush();
      continue;
    }
    const cols = line.split(/\s+/);
    if (cols[0] === "-DOCSTART-") {
      flush();
      doc = { sentences: [] };
      docs.push(doc);
      continue;
    }
    sentence.tokens.push(cols[0] ?? "");
    sentence.tags.push(cols[cols.length - 1] ?? "O");
  }
  flush();
  return docs.filter((d) => d.sentences.length > 0);
}

function toIob2(tags: string[]): string[] {
  return tags.map((tag, i) => {
    if (!tag.startsWith("I-")) return tag;
    const prev = tags[i - 1] ?? "O";
    return prev.slice(2) === tag.slice(2) ? tag : `B-${tag.slice(2)}`;
  });
}

const NO_SPACE_BEFORE = new Set([",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "'s", "'S", "n't", "N'T", "'", "'re", "'ve", "'ll", "'d", "'m", "..."]);
const NO_SPACE_AFTER = new Set(["(", "[", "{", "$", "#"]);

/** Whether a straight double quote is open, carried across the sentences of one document. */
interface QuoteState {
  open: boolean;
}

/**
 * Joins tokens into text as a writer would have typed them.
 * @example detokenize(["Tehran", "'s", "\"", "deal", "\"", "."]) // Tehran's "deal".
 */
export function detokenize(tokens: readonly string[], quotes: QuoteState = { open: false }): string {
  let out = "";
  let glueNext = true;
  for (const token of tokens) {
    let glue = glueNext || NO_SPACE_BEFORE.has(token);
    glueNext = NO_SPACE_AFTER.has(token);
    if (token === '"') {
      if (quotes.open) glue = true;
      else glueNext = true;
      quotes.open = !quotes.open;
    }
    out += glue ? token : ` ${token}`;
  }
  return out;
}

/**
 * CoNLL's sentence splitter sometimes leaves a quote that opens the next sentence at the end of
 * the previous one (`said Drazek . "` / `We probably ...`); move it back where it belongs.
 */
function reattachOpeningQuotes(sentences: readonly ConllSentence[]): string[][] {
  const out = sentences.map((s) => [...s.tokens]);
  let open = false;
  out.forEach((tokens, i) => {
    tokens.forEach((token, k) => {
      if (token !== '"') return;
      const next = out[i + 1];
      if (!open && k === tokens.length - 1 && next) {
        tokens.pop();
        next.unshift('"');
        return;
      }
      open = !open;
    });
  });
  return out;
}

/**
 * Rebuilds an article's text: the headline on the first line, then the body. A sentence that ends
 * in terminal punctuation continues its paragraph after a space, so sentence splitting is
 * exercised; any other (a dateline, a row of a results table) ends its line, as on the wire.
 */
export function documentText(doc: ConllDocument): string {
  const quotes: QuoteState = { open: false };
  let out = "";
  reattachOpeningQuotes(doc.sentences).forEach((tokens, i) => {
    if (tokens.length === 0) return;
    const text = detokenize(tokens, quotes);
    if (i === 0) out = text;
    else out += (/[.!?]["')]?$/.test(out) && i > 1 ? " " : "\n") + text;
  });
  return out;
}
