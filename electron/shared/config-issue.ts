// One problem with a config or a monitor, as every front shows it. Its own module so the monitor-type
// specs can report issues without importing the validator that imports them.

/** One problem with the input: where it is (a path like "monitors[2].port") and why. */
export interface ConfigIssue {
  path: string;
  message: string;
}

/** Turns a field name into its full path ("port" -> "monitors[2].port"). */
export type FieldPath = (field: string) => string;
