// A–Z indexes: /people/, /organizations/, /places/, /tags/, /sections/.
import { renderTermIndex } from "../src/site/pages.ts";
import type { TermIndex } from "../src/site/plugin.ts";
import { paged } from "./paged.ts";

export const { data, render } = paged("build.todo.indexes", "index", (index: TermIndex, build) => renderTermIndex(index.kind, index.terms, build.site));
