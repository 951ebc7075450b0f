import { z } from 'zod';
import {
  absolutePath,
  configKey,
  dns1123Label,
  dns1123Subdomain,
  relativePath,
} from '../formats';
import { exactlyOne, formatted, int, quantityValue } from './primitives';

/* The schema of a pod volume: exactly one source. */

const keyToPath = z
  .object({
    key: formatted(configKey),
    path: formatted(relativePath),
    mode: int().min(0).max(0o777).optional(),
  })
  .strict();

export const volume = z
  .object({
    name: formatted(dns1123Label),
    hostPath: z
      .object({
        path: formatted(absolutePath),
        type: z
          .enum([
            '',
            'DirectoryOrCreate',
            'Directory',
            'FileOrCreate',
            'File',
            'Socket',
            'CharDevice',
            'BlockDevice',
          ])
          .optional(),
      })
      .strict()
      .optional(),
    emptyDir: z
      .object({
        medium: z.enum(['', 'Memory']).optional(),
        sizeLimit: quantityValue.optional(),
      })
      .strict()
      .optional(),
    configMap: z
      .object({
        name: formatted(dns1123Subdomain),
        items: z.array(keyToPath).optional(),
        defaultMode: int().min(0).max(0o777).optional(),
        optional: z.boolean().optional(),
      })
      .strict()
      .optional(),
    secret: z
      .object({
        secretName: formatted(dns1123Subdomain),
        items: z.array(keyToPath).optional(),
        defaultMode: int().min(0).max(0o777).optional(),
        optional: z.boolean().optional(),
      })
      .strict()
      .optional(),
    persistentVolumeClaim: z
      .object({
        claimName: formatted(dns1123Subdomain),
        readOnly: z.boolean().optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine(
    exactlyOne([
      'hostPath',
      'emptyDir',
      'configMap',
      'secret',
      'persistentVolumeClaim',
    ]),
  );
