import type { FieldExtensionOptions } from '@backstage/plugin-scaffolder-react';
import { DaemonSetReview } from './DaemonSetReview';
import { DaemonSetSection } from './DaemonSetSection';
import { validateReview } from './review';
import { validateSection } from './validateSection';

export { DaemonSetSection } from './DaemonSetSection';
export { DaemonSetReview } from './DaemonSetReview';
export type { DaemonSetSectionOptions } from './options';

/** The structural field extensions of the DaemonSet template (sections, review). */
export const sectionFieldExtensions: FieldExtensionOptions<any, any>[] = [
  {
    name: 'DaemonSetSection',
    component: DaemonSetSection,
    validation: validateSection as FieldExtensionOptions<
      any,
      any
    >['validation'],
  },
  {
    name: 'DaemonSetReview',
    component: DaemonSetReview,
    validation: validateReview as FieldExtensionOptions<any, any>['validation'],
  },
];
