import { readFileSync } from 'node:fs';
import {
  ACTIONS_END,
  ACTIONS_START,
  expectedReadme,
  README_PATH,
  renderActionDocs,
  replaceActionsSection,
} from './actionDocs';

describe('actions reference in README.md', () => {
  it('is up to date with the actions’ schemas (run `yarn docs:actions` to fix)', () => {
    const readme = readFileSync(README_PATH, 'utf8');
    expect(readme).toBe(expectedReadme(readme));
  });

  it('documents every input and output field of every action', () => {
    const docs = renderActionDocs();
    for (const text of [
      '### `daemonset:generate`',
      '### `daemonset:apply`',
      '### `daemonset:request-approval`',
      '`approvalMode`',
      '`requestId`',
      '`containers[].image`',
      '`filePath`',
      '`approvalRequired`',
      '`timeoutSeconds`',
      '`applied[].changed`',
      '`rollout.complete`',
    ]) {
      expect(docs).toContain(text);
    }
    expect(docs).toMatch(/\| `cluster` +\| string +\| yes +\|/);
  });

  it('documents optional sections by their own schema, not the untouched-section alternative', () => {
    const docs = renderActionDocs();
    expect(docs).toContain('`containers[].livenessProbe.httpGet.port`');
    expect(docs).toContain('`scheduling.tolerations[].key`');
    expect(docs).toMatch(
      /\| `containers\[\]\.resources\.requests` +\| map of number \\\| string +\| no +\| Requested resources/,
    );
    expect(docs).toContain('counts as absent');
    expect(docs).not.toContain('daemonSetEmptySection');
  });

  it('replaces only the text between the markers', () => {
    const readme = `# Title\n\n${ACTIONS_START}\nold\n${ACTIONS_END}\n\nAfter\n`;
    expect(replaceActionsSection(readme, 'new\n')).toBe(
      `# Title\n\n${ACTIONS_START}\n\nnew\n\n${ACTIONS_END}\n\nAfter\n`,
    );
    expect(() => replaceActionsSection('# No markers', 'x')).toThrow(
      'actions:start',
    );
  });
});
