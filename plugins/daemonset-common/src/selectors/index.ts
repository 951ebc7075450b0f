export {
  formatLabelSelector,
  labelValueProblem,
  matchesLabelRequirements,
  parseLabelSelector,
  structuredSelectorToString,
} from './labelSelector';
export type {
  LabelRequirement,
  StructuredLabelSelector,
} from './labelSelector';
