export { default } from '@epi/lint/svelte';
