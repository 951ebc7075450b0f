/*
 * Sections that are off clear what the form's defaults put in them (`onChange(undefined)`).
 * rjsf's object and array fields build a change from the props they last rendered with, so two
 * sections of one container clearing themselves in the same commit would each write back the
 * other's stale value and only the last would stick. Clears therefore run one at a time: the
 * next starts once the previous one has re-rendered its section (its effect cleanup), or after
 * a short fallback when it changed nothing.
 */

/** A pending clear; `run` returns whether it called `onChange`. */
export interface ClearTask {
  run(): boolean;
}

const queue: ClearTask[] = [];
let busy: ClearTask | undefined;
let fallback: ReturnType<typeof setTimeout> | undefined;

const FALLBACK_MS = 100;

function finish(task: ClearTask): void {
  if (busy !== task) {
    return;
  }
  busy = undefined;
  if (fallback !== undefined) {
    clearTimeout(fallback);
    fallback = undefined;
  }
  pump();
}

function pump(): void {
  while (!busy && queue.length > 0) {
    const task = queue.shift()!;
    if (task.run()) {
      busy = task;
      fallback = setTimeout(() => finish(task), FALLBACK_MS);
    }
  }
}

/**
 * Queues a clear. The returned function withdraws it and, if it was the one running, lets
 * the next one start: call it from the effect cleanup, which runs once the section re-rendered.
 */
export function enqueueClear(task: ClearTask): () => void {
  if (busy !== task && !queue.includes(task)) {
    queue.push(task);
  }
  pump();
  return () => {
    const index = queue.indexOf(task);
    if (index >= 0) {
      queue.splice(index, 1);
    }
    finish(task);
  };
}
