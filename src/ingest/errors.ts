/**
 * Errors by phase, one base class: every ingest error names the seed file it is about, so a
 * report line or a crash message always says which input to look at.
 */
export class IngestError extends Error {
  readonly file: string;

  constructor(message: string, options: { file: string; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.file = options.file;
  }
}

/** The seed cannot become an article: empty, binary, no headline or no body. */
export class ParseError extends IngestError {}

/** The manifest is unreadable or malformed as a whole. */
export class ManifestError extends IngestError {}
