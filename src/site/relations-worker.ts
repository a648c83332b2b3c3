/** The thread of `relations-thread.ts`: an archive's relations from its articles' entity keys. */
import { answerRequest } from "../request-thread.ts";
import { relate, type KeyTable } from "./relations.ts";

answerRequest((keys: KeyTable) => relate(keys));
