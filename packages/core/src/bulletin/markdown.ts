import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

// GitHub's sanitisation schema: no script, no event handlers, no javascript: URLs, no raw HTML.
const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype)
  .use(rehypeSanitize, { ...defaultSchema, clobberPrefix: 'md-' })
  .use(rehypeStringify);

/** Markdown to sanitised HTML: the same function renders the admin preview and the public page. */
export function renderMarkdown(markdown: string): string {
  return String(processor.processSync(markdown));
}
