import {
  ApprovalPolicy,
  defaultApprovalPolicy,
} from '@daemonsets/plugin-daemonset-common';
import { findRiskyLines } from './riskyLines';

const manifest = [
  'apiVersion: apps/v1', //  1
  'kind: DaemonSet', //  2
  'metadata:', //  3
  '  name: agent', //  4
  '  namespace: kube-system', //  5
  'spec:', //  6
  '  template:', //  7
  '    spec:', //  8
  '      hostNetwork: true', //  9
  '      containers:', // 10
  '        - name: agent', // 11
  '          image: quay.io/acme/agent:1.0', // 12
  '          securityContext:', // 13
  '            privileged: true', // 14
  '      volumes:', // 15
  '        - name: logs', // 16
  '          hostPath:', // 17
  '            path: /var/log/pods', // 18
  '        - name: root', // 19
  '          hostPath:', // 20
  '            path: /etc', // 21
  '        - name: config', // 22
  '          configMap:', // 23
  '            name: x', // 24
].join('\n');

const policy: ApprovalPolicy = {
  ...defaultApprovalPolicy,
  protectedNamespaces: {
    decision: 'requireApproval',
    namespaces: ['kube-system'],
  },
  allowedRegistries: {
    decision: 'requireApproval',
    registries: ['ghcr.io/acme'],
  },
};

describe('findRiskyLines', () => {
  it('marks each risky line with its reason', () => {
    expect(findRiskyLines(manifest, policy)).toEqual([
      { line: 5, reason: 'protected namespace' },
      { line: 9, reason: 'host network' },
      { line: 12, reason: 'registry not allowed' },
      { line: 14, reason: 'privileged' },
      { line: 21, reason: 'host path' },
    ]);
  });

  it('leaves lines alone whose rule allows them', () => {
    const lenient: ApprovalPolicy = {
      privileged: 'allow',
      hostNetwork: 'allow',
      hostPath: { decision: 'allow', allowedPathPrefixes: [] },
      protectedNamespaces: { decision: 'allow', namespaces: ['kube-system'] },
      allowedRegistries: { decision: 'allow', registries: [] },
    };
    expect(findRiskyLines(manifest, lenient)).toEqual([]);
  });

  it('treats an image without a registry as Docker Hub', () => {
    const dockerHub: ApprovalPolicy = {
      ...policy,
      allowedRegistries: {
        decision: 'requireApproval',
        registries: ['docker.io/library'],
      },
    };
    const lines = findRiskyLines(
      '  image: busybox:1.36\n  image: ghcr.io/x/y:1\n  image: acme/agent:2',
      dockerHub,
    );
    expect(lines).toEqual([
      { line: 2, reason: 'registry not allowed' },
      { line: 3, reason: 'registry not allowed' },
    ]);
  });

  it('does not take a path outside a hostPath volume for a host path', () => {
    expect(
      findRiskyLines('configMap:\n  path: /etc\n', policy).map(l => l.reason),
    ).toEqual([]);
  });

  it('flags exactly what the policy flags: normalised paths and registries', () => {
    const strict: ApprovalPolicy = {
      ...policy,
      hostPath: { decision: 'deny', allowedPathPrefixes: ['/var/log'] },
      allowedRegistries: {
        decision: 'deny',
        registries: ['docker.io/library'],
      },
    };
    const lines = findRiskyLines(
      [
        'hostPath:',
        '  path: /var/log/../etc', // 2: resolves outside /var/log
        'hostPath:',
        '  path: //var//log/pods', // 4: inside once normalised
        'image: index.docker.io/library/nginx:1', // 5: Docker Hub by another name
        'image: docker.io/acme/agent:1', // 6
      ].join('\n'),
      strict,
    );
    expect(lines).toEqual([
      { line: 2, reason: 'host path' },
      { line: 6, reason: 'registry not allowed' },
    ]);
  });
});
