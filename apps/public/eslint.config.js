export { default } from '@epi/lint/astro';
