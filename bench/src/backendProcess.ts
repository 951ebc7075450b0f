import { ChildProcess, fork } from 'node:child_process';
import type { BenchBackend, startBenchBackend } from './backend';
import type { MemorySample } from './memory';

type BackendOptions = NonNullable<Parameters<typeof startBenchBackend>[2]>;

/** A bench backend in a process of its own (see {@link startBenchBackendProcess}). */
export interface BenchBackendProcess extends BenchBackend {
  /** Heap and RSS of the backend's process after forced GC. */
  memory(): Promise<MemorySample>;
}

/** What the parent asks and the child answers, over the IPC channel. */
type Request = { type: 'memory' } | { type: 'stop' };
type Answer =
  | { type: 'started'; baseUrl: string }
  | { type: 'memory'; sample: MemorySample }
  | { type: 'stopped' }
  | { type: 'failed'; error: string };

function nextAnswer(child: ChildProcess): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const listeners = {
      message(answer: Answer | { type: 'watch' }) {
        // The TypeScript loader reports every file it compiles on the same channel.
        if (answer.type === 'watch') return;
        child.off('message', listeners.message);
        child.off('exit', listeners.exit);
        if (answer.type === 'failed') reject(new Error(answer.error));
        else resolve(answer);
      },
      exit(code: number | null) {
        child.off('message', listeners.message);
        reject(new Error(`bench backend process exited (${code})`));
      },
    };
    child.on('message', listeners.message);
    child.once('exit', listeners.exit);
  });
}

/**
 * Starts a bench backend (as {@link startBenchBackend} does) in a fresh Node process: nothing of
 * it is compiled yet, as after a restart of a portal. Backends started in the bench's own process
 * run code that V8 optimized for the previous ones, which flatters every cold figure after the
 * first.
 */
export async function startBenchBackendProcess(
  apiUrl: string,
  options: BackendOptions = {},
  /** More Node options of the backend's process (e.g. `--max-semi-space-size=32`). */
  nodeOptions: string[] = [],
): Promise<BenchBackendProcess> {
  const child = fork(require.resolve('./backendProcessMain'), [], {
    execArgv: [
      ...nodeOptions,
      '--expose-gc',
      '--require',
      '@backstage/cli-node/config/nodeTransform.cjs',
    ],
    env: {
      ...process.env,
      BENCH_BACKEND_OPTIONS: JSON.stringify({ apiUrl, options }),
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const ask = async (request: Request) => {
    const answer = nextAnswer(child);
    child.send(request);
    return answer;
  };
  try {
    const started = await nextAnswer(child);
    if (started.type !== 'started') throw new Error('bench backend: no start');
    return {
      baseUrl: started.baseUrl,
      async memory() {
        const answer = await ask({ type: 'memory' });
        if (answer.type !== 'memory') throw new Error('bench backend: memory');
        return answer.sample;
      },
      async stop() {
        await ask({ type: 'stop' });
        await new Promise(resolve =>
          child.exitCode === null ? child.once('exit', resolve) : resolve(0),
        );
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}
