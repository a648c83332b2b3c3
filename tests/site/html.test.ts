import { describe, expect, it } from "vitest";
import { escapeHtml, html, raw } from "../../src/site/html.ts";
import { absoluteUrl, href, normalisePrefix, siteAddress } from "../../src/site/urls.ts";

describe("html", () => {
  it.each([
    ["<script>", "&lt;script&gt;"],
    [`" onload="x`, "&quot; onload=&quot;x"],
    ["it's & co", "it&#39;s &amp; co"],
  ])("escapes %j", (input, out) => {
    expect(escapeHtml(input)).toBe(out);
    expect(html`<a title="${input}">${input}</a>`.value).toBe(`<a title="${out}">${out}</a>`);
  });

  it("nests trusted fragments and lists without escaping them twice", () => {
    expect(html`<ul>${["<a>", "b"].map((x) => html`<li>${x}</li>`)}</ul>`.value).toBe("<ul><li>&lt;a&gt;</li><li>b</li></ul>");
    expect(html`${raw("<b>ok</b>")}${undefined}${false}${0}`.value).toBe("<b>ok</b>0");
  });
});

describe("urls", () => {
  it.each([
    [undefined, "/"],
    ["", "/"],
    ["archive", "/archive/"],
    ["/archive/", "/archive/"],
    ["//a/b//", "/a/b/"],
    ["/my archive/", "/my%20archive/"],
    ["/my%20archive/", "/my%20archive/"],
    ["/a?b#c/ü/", "/a%3Fb%23c/%C3%BC/"],
    ["/100%/", "/100%25/"],
  ])("normalisePrefix(%j) = %j", (input, out) => expect(normalisePrefix(input)).toBe(out));

  it("prefixes and absolutises", () => {
    expect(href("/people/x/", { pathPrefix: "/archive/" })).toBe("/archive/people/x/");
    expect(href("/", { pathPrefix: "/" })).toBe("/");
    expect(absoluteUrl("/feed.xml", { pathPrefix: "/archive/", url: "https://n.example/" })).toBe("https://n.example/archive/feed.xml");
  });

  it.each([
    ["https://n.example", undefined, "https://n.example", "/", "https://n.example/people/x/"],
    ["https://n.example/", "/archive/", "https://n.example", "/archive/", "https://n.example/archive/people/x/"],
    ["https://n.example:8080/news", undefined, "https://n.example:8080", "/news/", "https://n.example:8080/news/people/x/"],
    ["https://n.example/news/", "news", "https://n.example", "/news/", "https://n.example/news/people/x/"],
    ["https://n.example/my%20news/", "/my news/", "https://n.example", "/my%20news/", "https://n.example/my%20news/people/x/"],
  ])("serves %s under prefix %j at %s%s", (url, prefix, origin, pathPrefix, absolute) => {
    const site = siteAddress(url, prefix);
    expect(site).toEqual({ url: origin, pathPrefix });
    // The page's absolute URL is where its link, under the prefix, leads on the site's host.
    expect(absoluteUrl("/people/x/", site)).toBe(absolute);
    expect(new URL(href("/people/x/", site), url).href).toBe(absolute);
  });

  it.each([
    ["https://n.example/news/", "/archive/", /puts the site under \/news\/, the path prefix under \/archive\//],
    ["https://n.example/?lang=en", undefined, /query or fragment/],
    ["https://n.example/#top", undefined, /query or fragment/],
    ["ftp://n.example/", undefined, /not an absolute http\(s\) URL/],
  ])("refuses the site URL %s with prefix %j", (url, prefix, message) => {
    expect(() => siteAddress(url, prefix)).toThrow(message);
  });
});
