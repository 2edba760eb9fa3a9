import { boundHeap } from './heap-bounds.js';

/**
 * Starts the mock from command-line flags and MOCK_* variables (argv as process.argv: node,
 * script, flags...). The heap's bounds are set before the mock's modules load, so the
 * start-up's allocations already count under them (see heap-bounds.ts): nothing else is
 * imported statically here.
 */
export async function serve(argv: readonly string[]): Promise<void> {
  boundHeap();
  const { startMock } = await import('./start-mock.js');
  await startMock(argv);
}
