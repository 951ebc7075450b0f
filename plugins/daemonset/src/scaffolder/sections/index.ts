import type { FieldExtensionOptions } from '@backstage/plugin-scaffolder-react';

/** The structural field extensions of the DaemonSet template (sections, review). */
export const sectionFieldExtensions: FieldExtensionOptions<any, any>[] = [];
