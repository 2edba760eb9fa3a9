#!/usr/bin/env -S node --max-semi-space-size=4
// The mock's own entry point (the Docker image runs this): flags and MOCK_* variables in, a server out.
import { serve } from './serve.js';

serve(process.argv).catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
