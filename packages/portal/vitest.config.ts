export { default } from '@epi/core/test-support/vitest';
