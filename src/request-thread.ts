/**
 * A thread started ahead of the one request it will serve: it loads its module while the main
 * thread does other work, then answers when asked, and ends. Idle, it does not keep the
 * process alive; stopped, it ends only once it has answered what it was asked.
 */
import { parentPort, type Worker } from "node:worker_threads";
import { tsWorker } from "./ts-worker.ts";

type Reply<A> = { answer: A } | { error: string; stack?: string };

export class RequestThread<Q, A> {
  private readonly worker: Worker;
  private readonly reply: Promise<A>;
  private asked = false;

  /** Starts `module` (a URL from `moduleBeside`) on a new thread; `what` names it in errors. */
  constructor(module: URL, what: string) {
    this.worker = tsWorker(module);
    this.worker.unref();
    this.reply = new Promise<A>((resolve, reject) => {
      this.worker.once("message", (reply: Reply<A>) => ("error" in reply ? reject(new Error(reply.error, reply.stack ? { cause: reply.stack } : {})) : resolve(reply.answer)));
      this.worker.once("error", reject);
      this.worker.once("exit", (code) => reject(new Error(`${what} stopped (exit code ${code}) before it answered`)));
    });
    // Observed here: a thread that fails as it starts is reported when it is asked. Answered, the
    // thread is ended rather than left to wind down by itself, which the process would wait for.
    this.reply.then(
      () => this.worker.terminate(),
      () => this.worker.terminate(),
    );
  }

  /** Sends the request; the answer, once. */
  ask(request: Q): Promise<A> {
    if (this.asked) throw new Error("a request thread is asked once");
    this.asked = true;
    this.worker.ref();
    this.worker.postMessage(request);
    return this.reply;
  }

  /**
   * Ends the thread. One that was asked is first let answer (or fail), never cut short: the
   * search thread may be swapping a bundle into place, and a Pagefind process of its own
   * would be left behind.
   */
  async stop(): Promise<void> {
    if (this.asked) await this.reply.catch(() => undefined);
    await this.worker.terminate();
  }
}

/** In the thread's module: answers the one request with `answer`'s result, or its error. */
export function answerRequest<Q, A>(answer: (request: Q) => A | Promise<A>): void {
  parentPort?.once("message", (request: Q) => {
    Promise.resolve()
      .then(() => answer(request))
      .then(
        (result) => parentPort?.postMessage({ answer: result } satisfies Reply<A>),
        (error: unknown) => parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error), ...(error instanceof Error && error.stack ? { stack: error.stack } : {}) } satisfies Reply<A>),
      )
      .finally(() => parentPort?.close());
  });
}
