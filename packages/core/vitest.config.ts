export { default } from './src/test-support/vitest.ts';
