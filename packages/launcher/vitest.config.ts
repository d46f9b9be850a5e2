import base from '@epi/core/test-support/vitest';
import { mergeConfig } from 'vitest/config';

// The launcher's code sits beside launch.mjs, its tests too.
export default mergeConfig(base, { test: { include: ['*.test.ts'] } });
