/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectProblem"] }] */
import { validateDaemonSetInput } from './validate';
import {
  baseInput,
  Case,
  DNS1123,
  expectProblem,
  problemsOf,
} from './testUtils';

function runCases(cases: Case[]): void {
  it.each(cases)('%s', (_description, input, path, message) => {
    expectProblem(input, path, message);
  });
}

describe('validateDaemonSetInput', () => {
  it('returns no problems for a valid input', () => {
    expect(validateDaemonSetInput(baseInput())).toEqual([]);
  });

  it('reports every problem at once, in input order', () => {
    const problems = problemsOf({
      name: 'Bad',
      namespace: 'Bad',
      containers: [],
    });
    expect(problems.map(p => p.path)).toEqual([
      'name',
      'namespace',
      'containers',
    ]);
  });

  it('rejects input that is not an object', () => {
    expect(problemsOf('nope')).toEqual([
      { path: '', message: 'must be an object (got string)' },
    ]);
  });
});

describe('schema rules: workload', () => {
  runCases([
    [
      'name is required',
      { containers: baseInput().containers },
      'name',
      'is required',
    ],
    [
      'name must be a DNS-1123 label',
      baseInput({ name: 'My_Agent' }),
      'name',
      DNS1123,
    ],
    [
      'name has at most 63 characters',
      baseInput({ name: 'a'.repeat(64) }),
      'name',
      'at most 63 characters',
    ],
    [
      'namespace must be a DNS-1123 label',
      baseInput({ namespace: 'kube.system' }),
      'namespace',
      DNS1123,
    ],
    [
      'cluster must not be empty',
      baseInput({ cluster: '' }),
      'cluster',
      'must not be empty',
    ],
    [
      'unknown fields are rejected',
      { ...baseInput(), replicas: 3 },
      'replicas',
      'is not a known field',
    ],
    [
      'timezoneSync is a boolean',
      baseInput({ timezoneSync: 'yes' as never }),
      'timezoneSync',
      'must be a boolean',
    ],
    [
      'label keys are qualified names',
      baseInput({ labels: { 'bad key': 'x' } }),
      'labels["bad key"]',
      'must be a qualified name',
    ],
    [
      'label values are label values',
      baseInput({ labels: { team: 'a b' } }),
      'labels.team',
      'must be a label value',
    ],
    [
      'annotation keys are qualified names',
      baseInput({ annotations: { '-x': 'y' } }),
      'annotations["-x"]',
      'must be a qualified name',
    ],
    [
      'at least one container (an empty list counts as none)',
      baseInput({ containers: [] }),
      'containers',
      'is required',
    ],
    [
      'imagePullSecrets are DNS subdomains',
      baseInput({ imagePullSecrets: ['Reg_Cred'] }),
      'imagePullSecrets[0]',
      'must be a DNS-1123 subdomain',
    ],
    [
      'minReadySeconds is not negative',
      baseInput({ minReadySeconds: -1 }),
      'minReadySeconds',
      'must be at least 0',
    ],
    [
      'terminationGracePeriodSeconds is an integer',
      baseInput({ terminationGracePeriodSeconds: 1.5 }),
      'terminationGracePeriodSeconds',
      'must be an integer',
    ],
    [
      'network attachments are references',
      baseInput({ networkAttachments: ['Bad Net'] }),
      'networkAttachments[0]',
      'must be a network attachment reference',
    ],
  ]);
});
