import { describe, expect, it } from 'vitest';
import { isUnderV4 } from '../../mock-server/http/journal-recorder.js';

// The journal records what Express's app.use('/v4') would have matched, without mounting there.
describe('which requests the journal records', () => {
  it.each([
    ['/v4', true],
    ['/v4/', true],
    ['/v4/contacts/demo/tenants/0/1', true],
    ['/V4/contacts/demo/tenants/0/1', true],
    ['/v4x/contacts', false],
    ['/v', false],
    ['/healthz', false],
    ['/__mock/requests', false],
    ['/x/v4/contacts', false],
  ])('%s: %s', (path, recorded) => {
    expect(isUnderV4(path)).toBe(recorded);
  });
});
