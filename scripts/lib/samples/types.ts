/** A change-history event as a template sees it (see sample-context/README.md). */
export type TemplateEvent = Record<string, unknown> & { kind: string };

/**
 * `canonical`: one per kind, every documented key present, no double quote in any string: the
 * framework's CI judges templates on events like these. `varied`: events as they really come.
 */
export type SampleTier = 'canonical' | 'varied';

export interface Sample {
  /** `<kind>/<name>`, the file's path under sample-context/ without `.json`. */
  ref: string;
  kind: string;
  tier: SampleTier;
  /** Absolute path of the sample file. */
  file: string;
  event: TemplateEvent;
  /** For an event file of the user's: each value of a type LaunchDarkly never sends there, with its place. */
  notes?: string[];
}
