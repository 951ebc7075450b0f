// The child of `backendProcess.ts`: one bench backend, driven over the IPC channel.
import { startBenchBackend } from './backend';
import { readBenchCluster } from './cluster';
import { sampleMemory } from './memory';

async function main() {
  const { apiUrl, options } = JSON.parse(process.env.BENCH_BACKEND_OPTIONS!);
  const backend = await startBenchBackend(readBenchCluster(), apiUrl, options);
  process.on('message', async (request: { type: string }) => {
    if (request.type === 'memory') {
      process.send!({ type: 'memory', sample: await sampleMemory() });
    } else if (request.type === 'stop') {
      await backend.stop();
      process.send!({ type: 'stopped' }, () => process.exit(0));
    }
  });
  process.send!({ type: 'started', baseUrl: backend.baseUrl });
}

main().catch(error => {
  process.send?.({ type: 'failed', error: String(error?.stack ?? error) });
  process.exitCode = 1;
});
