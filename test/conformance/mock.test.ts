import { startMockTarget, TEST_KEY } from '../client/mock-target.js';
import { conformanceSuite, type ConformanceTarget } from './conformance-suite.js';

const counts = { tenants: 400, landlords: 150, lettingsApplicants: 200, salesApplicants: 90, vendors: 60 };

function inProcessMock(name: string, withheld: 'redact' | 'omit'): ConformanceTarget {
  return {
    name,
    writable: true,
    pageSize: 25,
    start: async () => {
      const target = await startMockTarget({ counts, branches: 4, multiRoleShare: 0.2, withheld });
      return {
        options: {
          baseUrl: target.baseUrl,
          apiKey: TEST_KEY,
          shortName: 'demo',
          integrator: 'conformance',
          rateLimit: { requests: 1000, windowMs: 1000 },
        },
        stop: () => target.close(),
      };
    },
  };
}

conformanceSuite(inProcessMock('in-process mock, withheld records redacted', 'redact'));
conformanceSuite(inProcessMock('in-process mock, withheld records omitted', 'omit'));
