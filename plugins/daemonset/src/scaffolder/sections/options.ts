/** `ui:options` of the `DaemonSetSection` field. */
export interface DaemonSetSectionOptions {
  /**
   * Shows a switch, off until the user turns it on (or the value holds something); off sends
   * nothing for the section.
   */
  optional?: boolean;
  /**
   * Runs the DaemonSet validator in the browser when the page is submitted and shows every
   * problem under this property at its field. Only for top-level properties of a page.
   */
  validate?: boolean;
  /**
   * The property's key in the form data, e.g. `containers` (used by `validate`; when left out,
   * the key whose value is the section's value).
   *
   * Not named `field`: rjsf reads `ui:options.field` as the field component, and since
   * `ui:options` is merged over `ui:field`, `field: containers` would replace DaemonSetSection
   * by rjsf's default field.
   */
  property?: string;
  /**
   * Problem paths not to report on this page because they depend on a later page, e.g.
   * `containers[*].volumeMounts[*].name` when volumes come after containers; `[*]` matches any
   * index. A pattern also covers the paths below it. The review page still reports them.
   */
  ignore?: string[];
}

/** The `ui:options` keys `DaemonSetSection` reads, not passed on to the rendered section. */
export const SECTION_OPTION_KEYS: ReadonlyArray<keyof DaemonSetSectionOptions> =
  ['optional', 'validate', 'property', 'ignore'];
