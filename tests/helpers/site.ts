/**
 * Reading a built site as a browser and a feed reader would: parse every HTML page, follow
 * every internal link to a file, and check XML for well-formedness and declared namespaces.
 */
import * as cheerio from "cheerio";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"));
}

export async function loadHtml(siteDir: string, urlPath: string): Promise<cheerio.CheerioAPI> {
  const file = urlPath.endsWith("/") ? `${urlPath}index.html` : urlPath;
  return cheerio.load(await readFile(path.join(siteDir, file), "utf8"));
}

/** The file a root-relative URL path is served from, or undefined if none. */
export function fileFor(siteDir: string, urlPath: string): string | undefined {
  const clean = decodeURIComponent(urlPath.split("#")[0]?.split("?")[0] ?? "");
  const candidates = clean.endsWith("/") ? [`${clean}index.html`] : [clean, `${clean}/index.html`];
  return candidates.map((c) => path.join(siteDir, c)).find((f) => existsSync(f) && !f.endsWith("/"));
}

/**
 * Every internal link (a, link, img, script) on every HTML page that does not resolve to a
 * file. Links must carry `prefix`; links elsewhere on `origin` count as internal too.
 */
export async function brokenLinks(siteDir: string, prefix: string, origin: string): Promise<string[]> {
  const broken: string[] = [];
  const pages = (await listFiles(siteDir)).filter((f) => f.endsWith(".html"));
  for (const page of pages) {
    const $ = cheerio.load(await readFile(path.join(siteDir, page), "utf8"));
    const pageUrl = new URL(`${origin}${prefix}${page}`);
    $("a[href], link[href], img[src], script[src]").each((_, el) => {
      const raw = $(el).attr("href") ?? $(el).attr("src") ?? "";
      if (/^(mailto:|#)/.test(raw)) return;
      const url = new URL(raw, pageUrl);
      if (url.origin !== origin) return;
      if (!url.pathname.startsWith(prefix)) {
        broken.push(`${page}: ${raw} (outside ${prefix})`);
        return;
      }
      const rel = `/${url.pathname.slice(prefix.length)}`;
      if (!fileFor(siteDir, rel)) broken.push(`${page}: ${raw}`);
      if (url.hash && url.pathname === pageUrl.pathname && $(`[id="${url.hash.slice(1)}"]`).length === 0) broken.push(`${page}: ${raw} (no anchor)`);
    });
  }
  return broken;
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => ["item", "entry", "url", "category"].includes(name) });

/** Parses XML after checking it is well-formed and every namespace prefix it uses is declared. */
export function parseXml(text: string): Record<string, unknown> {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Error(`invalid XML: ${valid.err.msg} at line ${valid.err.line}`);
  const used = new Set([...text.matchAll(/<\/?([A-Za-z][\w.-]*):[\w.-]+|\s([A-Za-z][\w.-]*):[\w.-]+=/g)].map((m) => m[1] ?? m[2]).filter((p) => p && p !== "xmlns" && p !== "xml"));
  for (const prefix of used) if (!text.includes(`xmlns:${prefix}=`)) throw new Error(`namespace prefix "${prefix}" is used but not declared`);
  return parser.parse(text) as Record<string, unknown>;
}
