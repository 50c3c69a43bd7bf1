/** Mentions kept per candidate: enough for features and evidence; bounds work on repetitive notes. */
export const MAX_MENTIONS = 32;
