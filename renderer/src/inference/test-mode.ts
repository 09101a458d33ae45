/**
 * Test mode: what lets e2e tests and the benchmark reach into the inference worker (crash it, destroy its
 * GPU device, read its heap size). It is fixed when the worker is created, by the worker's name, so no
 * message sent by production code can switch it on; the client only asks for it when the page was opened
 * with `?lens-test`, which the app's own `lens:` URLs never carry.
 */

/** The inference worker's name in production. */
export const WORKER_NAME = 'lens-inference';

/** The inference worker's name in test mode; `test:*` messages are refused under any other name. */
export const TEST_WORKER_NAME = 'lens-inference?test';

/** The query parameter of the page that turns test mode on. */
export const TEST_QUERY = 'lens-test';

/** Whether the page was opened in test mode. */
export function testModeFromLocation(
  location: { search: string } | undefined = globalThis.location,
): boolean {
  return location !== undefined && new URLSearchParams(location.search).has(TEST_QUERY);
}
