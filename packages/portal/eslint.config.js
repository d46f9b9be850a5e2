export { default } from '@epi/lint/base';
