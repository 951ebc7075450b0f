import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  clusterConfigFor,
  clusterSkipReason,
  getTestCluster,
} from '@daemonsets/local-cluster/testing';
import {
  CapturedLine,
  CatalogBackend,
  startCatalogBackend,
  waitFor,
} from './__testUtils__/testBackend';

jest.setTimeout(180_000);

const skipReason = clusterSkipReason();
const describeWithCluster = skipReason ? describe.skip : describe;

const FREQUENCY_S = 2;
const RUNS = 6;

describeWithCluster(
  `DaemonSet entity provider schedule across instances${
    skipReason ? ` (skipped: ${skipReason})` : ''
  }`,
  () => {
    const backends: CatalogBackend[] = [];
    let directory: string;

    afterAll(async () => {
      await Promise.all(backends.map(b => b.stop()));
      if (directory) rmSync(directory, { recursive: true, force: true });
    });

    // Two instances on one database (a shared SQLite file; the PostgreSQL of the test setup
    // was not available): the scheduler's global scope lets one full scan run at a time.
    it('runs one scheduled full scan at a time across two backend instances', async () => {
      const cluster = await getTestCluster();
      directory = mkdtempSync(join(tmpdir(), 'catalog-ds-sched-'));
      const lines: CapturedLine[] = [];
      const config = {
        ...clusterConfigFor(cluster),
        catalog: {
          providers: {
            daemonset: {
              watch: false,
              schedule: {
                frequency: { seconds: FREQUENCY_S },
                timeout: { minutes: 1 },
              },
            },
          },
        },
      };
      for (const prefix of ['A ', 'B ']) {
        backends.push(
          await startCatalogBackend({
            config,
            directory,
            lines,
            logPrefix: prefix,
          }),
        );
      }
      for (const backend of backends) {
        expect(await backend.scheduler.getScheduledTasks()).toContainEqual(
          expect.objectContaining({
            id: 'daemonset:local:refresh',
            scope: 'global',
          }),
        );
      }
      const starts = () =>
        lines.filter(l =>
          l.text.includes('scheduled scan of cluster local started'),
        );
      await waitFor(`${RUNS} scheduled scans`, () =>
        starts().length >= RUNS ? true : undefined,
      );
      const runs = lines.filter(l => /scheduled scan/.test(l.text));
      // Each start is followed by its own end before the next start, on whichever instance.
      const sequence = runs.map(l =>
        l.text.includes('started') ? `${l.text[0]}+` : `${l.text[0]}-`,
      );
      for (let i = 0; i + 1 < sequence.length; i += 2) {
        expect(sequence[i][1]).toBe('+');
        expect(sequence[i + 1]).toBe(`${sequence[i][0]}-`);
      }
      // Two independent schedules would start twice per period.
      const first = starts()[0].at;
      const sixth = starts()[RUNS - 1].at;
      expect(sixth - first).toBeGreaterThanOrEqual(
        (RUNS - 1) * FREQUENCY_S * 1000 * 0.9,
      );
    });
  },
);
