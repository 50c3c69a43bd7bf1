import { setFlagsFromString } from 'node:v8';

/**
 * Turns off V8's allocation-site pretenuring for this process: call it before a worker builds its
 * pipeline. Building the dictionary allocates millions of short-lived arrays from the same few allocation
 * sites that also make long-lived ones; when V8 has seen a site's objects survive, it allocates all of
 * that site's later objects straight into the old generation, and the build's garbage then leaves the
 * old generation fragmented: a worker held 440–490 MB instead of 340–360 MB after the same 50 notes, in
 * about one cold start of three, and in every one after an unrelated change moved the timing (measured
 * with `eval/bench/tagger-probe`; see the README's Performance section). Detection speed is unchanged.
 * The flag is process-wide and read at every garbage collection, so setting it at start-up is enough.
 */
export function avoidPretenuring(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
}
