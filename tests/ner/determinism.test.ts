import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseConll } from "../../src/ner/conll.js";
import { decodeModel, encodeModel } from "../../src/ner/model.js";
import { extractWithModel } from "../../src/ner/pipeline.js";
import { trainModel } from "../../src/ner/training/train.js";

/** A hand-written corpus in CoNLL's four-column layout (only the first and last columns matter). */
const CORPUS = `-DOCSTART- -X- -X- O

Putin NNP B-NP B-PER
visits VBZ B-VP O
Tehran NNP B-NP B-LOC

Russian JJ B-NP B-MISC
President NNP I-NP O
Vladimir NNP I-NP B-PER
Putin NNP I-NP I-PER
flew VBD B-VP O
to TO B-PP O
Tehran NNP B-NP B-LOC
on IN B-PP O
Friday NNP B-NP O
, , O O
the DT B-NP O
Kremlin NNP I-NP B-ORG
said VBD B-VP O
. . O O

-DOCSTART- -X- -X- O

Acme NNP B-NP B-ORG
Corp NNP I-NP I-ORG
buys VBZ B-VP O
plant NN B-NP O

Acme NNP B-NP B-ORG
Corp NNP I-NP I-ORG
of IN B-PP O
Chicago NNP B-NP B-LOC
bought VBD B-VP O
a DT B-NP O
plant NN I-NP O
from IN B-PP O
Jane NNP B-NP B-PER
Smith NNP I-NP I-PER
. . O O
`;

function train(): Buffer {
  const docs = parseConll(CORPUS);
  return encodeModel(trainModel(docs, docs, { epochs: 3, folds: 2, seed: 1, runs: 1, log: () => undefined }));
}

describe("training", () => {
  it("gives the same bytes for the same input", () => {
    const first = createHash("sha256").update(train()).digest("hex");
    const second = createHash("sha256").update(train()).digest("hex");
    expect(second).toBe(first);
  });

  it("gives a model that loads and tags", () => {
    const model = decodeModel(train());
    const names = extractWithModel(model, "Putin visits Tehran\nVladimir Putin flew to Tehran.").map((e) => e.name);
    expect(names).toContain("Tehran");
  });
});
