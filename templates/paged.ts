/**
 * The shape of every paginated template: one page per item of an array of the build's data
 * (`build.todo.<kind>`: the pages this run renders), at the item's URL, rendered by a pure
 * function of the item and the build. Eleventy takes it as any template; so does the renderer
 * that does without Eleventy (`src/site/direct-render.ts`), which takes no other shape.
 */
import type { BuildData } from "../src/site/plugin.ts";

export function paged<Alias extends string, Item extends { url: string }>(items: string, alias: Alias, render: (item: Item, build: BuildData) => string) {
  type Page = { build: BuildData } & Record<Alias, Item>;
  return {
    data: { pagination: { data: items, size: 1, alias }, permalink: (d: Page) => d[alias].url, eleventyExcludeFromCollections: true },
    render: (d: Page) => render(d[alias], d.build),
  };
}
