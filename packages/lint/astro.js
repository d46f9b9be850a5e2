// Astro pages and components (the public portal): the shared rules plus eslint-plugin-astro's
// recommended set; client scripts run in the browser.
import astro from 'eslint-plugin-astro';
import globals from 'globals';
import base, { rules } from './base.js';

export default [
  ...base,
  ...astro.configs.recommended,
  { files: ['src/scripts/**'], languageOptions: { globals: { ...globals.browser } } },
  rules,
];
