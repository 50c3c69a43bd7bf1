import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The real release data (`../shared/data`) for integration tests, from NOTECODER_TEST_DATA.
 * Under CI=true a missing data folder is an error (a test that cannot run must not pass); locally the
 * tests are skipped with a visible notice.
 * @param parts - sub-path that must exist
 * @returns the absolute path, or undefined when the tests must be skipped
 */
export function testData(...parts: string[]): string | undefined {
  const root = process.env.NOTECODER_TEST_DATA;
  const path = root === undefined ? undefined : join(root, ...parts);
  if (path !== undefined && existsSync(path)) {
    return path;
  }
  const why =
    root === undefined
      ? 'NOTECODER_TEST_DATA is not set'
      : `${path ?? ''} does not exist (NOTECODER_TEST_DATA=${root})`;
  if (process.env.CI === 'true') {
    throw new Error(`real-data integration tests cannot run: ${why}`);
  }
  process.stderr.write(
    `\n*** SKIPPING real-data tests: ${why}. Set it to ../shared/data to run them. ***\n\n`,
  );
  return undefined;
}
