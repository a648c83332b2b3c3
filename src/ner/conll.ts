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

/**
 * Joins tokens into text as a writer would have typed them.
 * @example detokenize(["Tehran", "'s", "\"", "deal", "\"", "."]) // Tehran's "deal".
 */
export function detokenize(tokens: readonly string[]): string {
  let out = "";
  let quoteOpen = false;
  let glueNext = true;
  for (const token of tokens) {
    let glue = glueNext || NO_SPACE_BEFORE.has(token);
    glueNext = NO_SPACE_AFTER.has(token);
    if (token === '"') {
      if (quoteOpen) glue = true;
      else glueNext = true;
      quoteOpen = !quoteOpen;
    }
    out += glue ? token : ` ${token}`;
  }
  return out;
}

/**
 * Rebuilds an article's text: the headline on the first line, a dateline (`BRUSSELS 1996-08-22`)
 * on its own line, then the body sentences joined by spaces, as one paragraph.
 */
export function documentText(doc: ConllDocument): string {
  const lines: string[] = [];
  let body: string[] = [];
  doc.sentences.forEach((sentence, i) => {
    const text = detokenize(sentence.tokens);
    const isDateline = /\d{4}-\d{2}-\d{2}$/.test(text) && sentence.tokens.length <= 8;
    if (i === 0 || isDateline) {
      if (body.length > 0) lines.push(body.join(" "));
      body = [];
      lines.push(text);
    } else {
      body.push(text);
    }
  });
  if (body.length > 0) lines.push(body.join(" "));
  return lines.join("\n");
}
