// Browser: the search on /search/, over the static Pagefind index. Loads Pagefind on first use,
// searches as the user types (and on submit, and from ?q= in the address), and renders the results
// as a list of links with excerpts. The count goes to a polite live region. Text is set with
// textContent; an excerpt's <mark> elements are the only markup copied from Pagefind.
import { el, fill, findWidget } from './dom.ts';

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
}
interface PagefindResult {
  data(): Promise<PagefindResultData>;
}
interface PagefindSearch {
  results: PagefindResult[];
}
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(term: string): Promise<PagefindSearch>;
}

type Strings = Record<'loading' | 'searching' | 'loadFailed' | 'found' | 'none' | 'shown' | 'withdrawn', string>;

const PAGE_SIZE = 10;
const DEBOUNCE_MS = 250;

/** The excerpt's text with its <mark>s, and nothing else, whatever the string holds. */
function excerptNodes(html: string): Node[] {
  const parsed = new DOMParser().parseFromString(`<p>${html}</p>`, 'text/html');
  const out: Node[] = [];
  const walk = (node: Node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) out.push(document.createTextNode(child.textContent ?? ''));
      else if (child.nodeType === Node.ELEMENT_NODE && (child as Element).tagName === 'MARK') {
        // Pagefind marks each segment of a Chinese word: 小|果|庄村 is shown as one mark.
        const last = out.at(-1);
        if (last instanceof HTMLElement && last.tagName === 'MARK') last.textContent += child.textContent ?? '';
        else out.push(el('mark', undefined, child.textContent ?? ''));
      } else walk(child);
    }
  };
  walk(parsed.body);
  return out;
}

export function startSearch(): void {
  const elements = findWidget<Elements>('[data-search]', {
    form: '[data-search-form]',
    input: '[data-search-form] input[name="q"]',
    status: '[data-search-status]',
    results: '[data-search-results]',
    moreWrap: '[data-search-more-wrap]',
    more: '[data-search-more]',
  });
  if (elements) wire(elements);
}

interface Elements {
  root: HTMLElement;
  form: HTMLFormElement;
  input: HTMLInputElement;
  status: HTMLElement;
  results: HTMLOListElement;
  moreWrap: HTMLElement;
  more: HTMLButtonElement;
}

function wire({ root, form, input, status, results, moreWrap, more }: Elements): void {
  const strings = JSON.parse(root.dataset.strings ?? '{}') as Strings;
  const pagefindUrl = root.dataset.pagefindUrl ?? '/pagefind/pagefind.js';
  form.hidden = false;
  root.querySelector<HTMLElement>('[data-search-nojs]')?.setAttribute('hidden', '');

  let loading: Promise<Pagefind> | null = null;
  const load = () =>
    (loading ??= (import(/* @vite-ignore */ pagefindUrl) as Promise<Pagefind>)
      .then(async (pagefind) => {
        await pagefind.options({ excerptLength: 40 });
        await pagefind.init();
        return pagefind;
      })
      .catch((error: unknown) => {
        loading = null; // try again on the next search
        throw error;
      }));

  const say = (text: string) => status.replaceChildren(el('p', undefined, text));

  let current: { query: string; all: PagefindResult[]; shown: number } | null = null;
  let sequence = 0;

  async function item(result: PagefindResult): Promise<HTMLLIElement> {
    const data = await result.data();
    const li = el('li');
    const heading = el('p', 'search-result-title');
    const link = el('a', undefined, data.meta.title ?? data.url);
    link.href = data.url;
    heading.append(link);
    if (data.meta.type) heading.append(' ', el('span', 'tag', data.meta.type));
    if (data.meta.status) heading.append(' ', el('span', 'tag tag-withdrawn', data.meta.status));
    const excerpt = el('p', 'search-excerpt');
    excerpt.append(...excerptNodes(data.excerpt));
    li.append(heading, excerpt);
    return li;
  }

  /** Shows the next page of the current results. */
  async function showMore(mine: number): Promise<void> {
    if (!current) return;
    const next = current.all.slice(current.shown, current.shown + PAGE_SIZE);
    const items = await Promise.all(next.map(item));
    if (mine !== sequence) return;
    results.append(...items);
    current.shown += next.length;
    const total = current.all.length;
    results.hidden = total === 0;
    moreWrap.hidden = current.shown >= total;
    const lines = [
      el(
        'p',
        'search-count',
        total > 0 ? fill(strings.found, { n: String(total), query: current.query }) : fill(strings.none, { query: current.query }),
      ),
    ];
    if (total > PAGE_SIZE) lines.push(el('p', undefined, fill(strings.shown, { shown: String(current.shown), total: String(total) })));
    status.replaceChildren(...lines);
  }

  async function run(raw: string): Promise<void> {
    const query = raw.trim();
    const mine = ++sequence;
    if (query === '') {
      current = null;
      status.replaceChildren();
      results.replaceChildren();
      results.hidden = true;
      moreWrap.hidden = true;
      return;
    }
    say(loading === null ? strings.loading : strings.searching);
    try {
      const pagefind = await load();
      const search = await pagefind.search(query);
      if (mine !== sequence) return;
      current = { query, all: search.results, shown: 0 };
      results.replaceChildren();
      await showMore(mine);
    } catch {
      if (mine === sequence) say(strings.loadFailed);
    }
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  const remember = (query: string) => {
    const url = new URL(location.href);
    if (query.trim()) url.searchParams.set('q', query.trim());
    else url.searchParams.delete('q');
    history.replaceState(null, '', url);
  };
  input.addEventListener('focus', () => void load().catch(() => undefined), { once: true });
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      remember(input.value);
      void run(input.value);
    }, DEBOUNCE_MS);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    remember(input.value);
    void run(input.value);
  });
  more.addEventListener('click', () => void showMore(sequence));

  const initial = new URLSearchParams(location.search).get('q');
  if (initial) {
    input.value = initial;
    void run(initial);
  }
}
