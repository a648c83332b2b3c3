/** A hash of every file the compiled copy of the project at `root` is made from. */
export function sourcesFingerprint(root?: string): string;
/** The URL of the compiled CLI's main module of the project at `root` (compiled first if need be), or undefined to run the sources through tsx. */
export function compiledMain(root?: string): Promise<string | undefined>;
