import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Layout } from './paths.ts';
import { progress } from './log.ts';

/** File names of the generated key material. */
export interface Pki {
  caCert: string;
  caKey: string;
  apiserverCert: string;
  apiserverKey: string;
  saKey: string;
  saPub: string;
}

/** Paths of the key material under `pki/` (whether or not it exists yet). */
export function pkiPaths(l: Layout): Pki {
  return {
    caCert: join(l.pki, 'ca.crt'),
    caKey: join(l.pki, 'ca.key'),
    apiserverCert: join(l.pki, 'apiserver.crt'),
    apiserverKey: join(l.pki, 'apiserver.key'),
    saKey: join(l.pki, 'sa.key'),
    saPub: join(l.pki, 'sa.pub'),
  };
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * Creates the CA, the API server's serving certificate and the service-account key pair once;
 * later runs reuse them so kubeconfigs and tokens stay valid.
 */
export function ensurePki(l: Layout): Pki {
  const p = pkiPaths(l);
  mkdirSync(l.pki, { recursive: true, mode: 0o700 });
  if (!existsSync(p.caCert)) {
    progress('creating local CA');
    openssl(
      ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', p.caKey],
      l.pki,
    );
    openssl(
      [
        'req',
        '-x509',
        '-new',
        '-key',
        p.caKey,
        '-sha256',
        '-days',
        '3650',
        '-subj',
        '/CN=daemonsets-local-ca',
        '-out',
        p.caCert,
      ],
      l.pki,
    );
  }
  if (!existsSync(p.apiserverCert)) {
    progress('creating kube-apiserver serving certificate');
    const ext = join(l.pki, 'apiserver.ext');
    // 10.96.0.1 is the first IP of --service-cluster-ip-range (the `kubernetes` Service).
    writeFileSync(
      ext,
      [
        'basicConstraints=CA:FALSE',
        'keyUsage=critical,digitalSignature,keyEncipherment',
        'extendedKeyUsage=serverAuth',
        'subjectAltName=IP:127.0.0.1,DNS:localhost,IP:10.96.0.1,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local',
        '',
      ].join('\n'),
    );
    const csr = join(l.pki, 'apiserver.csr');
    openssl(
      [
        'ecparam',
        '-name',
        'prime256v1',
        '-genkey',
        '-noout',
        '-out',
        p.apiserverKey,
      ],
      l.pki,
    );
    openssl(
      [
        'req',
        '-new',
        '-key',
        p.apiserverKey,
        '-subj',
        '/CN=kube-apiserver',
        '-out',
        csr,
      ],
      l.pki,
    );
    openssl(
      [
        'x509',
        '-req',
        '-in',
        csr,
        '-CA',
        p.caCert,
        '-CAkey',
        p.caKey,
        '-CAcreateserial',
        '-days',
        '3650',
        '-sha256',
        '-extfile',
        ext,
        '-out',
        p.apiserverCert,
      ],
      l.pki,
    );
  }
  if (!existsSync(p.saKey)) {
    progress('creating service-account signing key');
    openssl(
      [
        'genpkey',
        '-algorithm',
        'RSA',
        '-pkeyopt',
        'rsa_keygen_bits:2048',
        '-out',
        p.saKey,
      ],
      l.pki,
    );
    openssl(['pkey', '-in', p.saKey, '-pubout', '-out', p.saPub], l.pki);
  }
  return p;
}
